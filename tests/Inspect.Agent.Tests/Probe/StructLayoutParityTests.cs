using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Inspect.Agent.Interop;
using Inspect.Agent.Interop.Structs;

namespace Inspect.Agent.Tests.Probe;

/// <summary>
/// The C# mirrors of native/shared/inspect_probe_shared.h have exactly the sizes and field offsets the shim reports
/// (<c>inspect_probe_struct_size/offset</c>), so a change on either side fails here instead of corrupting memory.
/// Needs libinspectprobe.so (make -C native), not root.
/// </summary>
public sealed class StructLayoutParityTests
{
    // enum inspect_probe_struct_id, and each struct's fields in enum inspect_probe_field_id order.
    public static TheoryData<int, Type, string[]> Mirrors => new()
    {
        { 0, typeof(ProbeSettings), [nameof(ProbeSettings.BootTimeNs), nameof(ProbeSettings.Snaplen), nameof(ProbeSettings.TargetMode), nameof(ProbeSettings.CpusPerRing), nameof(ProbeSettings.RingCount)] },
        { 1, typeof(ProbeCpuStats), [nameof(ProbeCpuStats.Events), nameof(ProbeCpuStats.DropsBufferFull), nameof(ProbeCpuStats.DropsMaxEventSize), nameof(ProbeCpuStats.DropsInternal)] },
        { 2, typeof(ScapEventHeader), [nameof(ScapEventHeader.Timestamp), nameof(ScapEventHeader.ThreadId), nameof(ScapEventHeader.Length), nameof(ScapEventHeader.Type), nameof(ScapEventHeader.ParamCount)] },
        { 3, typeof(ProbeRecordHeader), [nameof(ProbeRecordHeader.RecordSize), nameof(ProbeRecordHeader.EventSize), nameof(ProbeRecordHeader.Ring), nameof(ProbeRecordHeader.Flags), nameof(ProbeRecordHeader.Reserved)] },
        { 4, typeof(ProbeConfig), [nameof(ProbeConfig.RingSizeBytes), nameof(ProbeConfig.CpusPerRing), nameof(ProbeConfig.Snaplen), nameof(ProbeConfig.Reserved)] },
        {
            5, typeof(ProbeSupportInfo),
            [
                nameof(ProbeSupportInfo.KernelMajor), nameof(ProbeSupportInfo.KernelMinor), nameof(ProbeSupportInfo.KernelPatch),
                nameof(ProbeSupportInfo.HasBtf), nameof(ProbeSupportInfo.HasPrivileges), nameof(ProbeSupportInfo.HasRingBuffer),
                nameof(ProbeSupportInfo.HasTpBtf), nameof(ProbeSupportInfo.Reserved), nameof(ProbeSupportInfo.KernelRelease),
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Mirrors))]
    public void Mirror_matches_the_shim_layout(int structId, Type mirror, string[] fields)
    {
        Assert.Equal(ProbeLibrary.StructSize(structId), Marshal.SizeOf(mirror));
        Assert.Equal(ProbeLibrary.StructSize(structId), ManagedSize(mirror));
        for (var fieldId = 0; fieldId < fields.Length; fieldId++)
        {
            var offset = ProbeLibrary.StructOffset(structId, fieldId);
            Assert.True(offset == Marshal.OffsetOf(mirror, fields[fieldId]), $"{mirror.Name}.{fields[fieldId]}: shim offset {offset}, C# offset {Marshal.OffsetOf(mirror, fields[fieldId])}");
        }

        // The mirror has no field the header lacks.
        Assert.Equal(-1, ProbeLibrary.StructOffset(structId, fields.Length));
    }

    [Fact]
    public void Record_header_constants_match_the_header()
    {
        Assert.Equal(ProbeRecordHeader.Size, ProbeLibrary.StructSize(3));
        Assert.Equal(26, ProbeLibrary.StructSize(2));
    }

    [Fact]
    public void Library_versions_are_the_ones_this_agent_mirrors()
    {
        ProbeLibrary.EnsureCompatible();
        Assert.Equal(File.ReadAllText(Path.Join(TestSupport.RepoPaths.RepoRoot, "native", "API_VERSION")).Trim(), ProbeLibrary.ApiVersion);
        Assert.Equal(File.ReadAllText(Path.Join(TestSupport.RepoPaths.RepoRoot, "native", "SCHEMA_VERSION")).Trim(), ProbeLibrary.SchemaVersion);
    }

    // What the runtime lays out for the struct when it is passed by pointer (no marshalling involved).
    private static long ManagedSize(Type mirror) =>
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(mirror).Invoke(null, null)!;
}
