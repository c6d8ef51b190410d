using Inspect.Scap.Events;
using Inspect.Scap.Reading;
using Inspect.TestSupport;

namespace Inspect.Scap.Tests;

/// <summary>Every real capture in shared/scap-samples reads to its end with the expected structure.</summary>
public sealed class SampleReadingTests
{
    // Event blocks, process-list version, fd-list blocks and compression of each sample, as counted by an independent
    // decoder and listed in the format specification (§6).
    public static TheoryData<string, int, int, int, bool> Samples => new()
    {
        { "falco_cat_write.scap", 345, 6, 73, true },
        { "falco_connect_localhost.scap", 374, 7, 184, true },
        { "falco_empty.scap", 83, 6, 103, false },
        { "falco_open-multiple-files.scap", 1272, 6, 128, true },
        { "falco_ping_sendto.scap", 1526, 9, 136, true },
        { "falco_psp_run_as_user_65534_container.scap", 241, 9, 126, true },
        { "falco_syscall.scap", 368, 8, 229, true },
        { "libs_sample.scap", 572, 9, 94, false },
        { "libs_single_ipv6_conn.scap", 1728, 9, 154, true },
        { "libs_test_ipv6_client.scap", 326, 5, 58, true },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_reads_to_the_end_with_every_block(string name, int events, int processListVersion, int fdLists, bool gzip)
    {
        using var reader = ScapReader.Open(RepoPaths.Sample(name));
        var counts = new Dictionary<ScapRecordKind, int>();
        var threads = 0;
        ulong lastTimestamp = 0;
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            if (kind == ScapRecordKind.ProcessList)
            {
                threads += reader.Threads.Count;
                Assert.Equal(processListVersion, reader.RecordVersion);
            }

            if (kind == ScapRecordKind.Event)
            {
                var e = reader.Event;
                Assert.True(e.ParamCount <= 32, $"event at {e.FileOffset} has {e.ParamCount} parameters");
                lastTimestamp = Math.Max(lastTimestamp, e.Timestamp);
            }
        }

        Assert.Equal(gzip, reader.IsCompressed);
        Assert.Equal(events, counts[ScapRecordKind.Event]);
        Assert.Equal(fdLists, counts[ScapRecordKind.FdList]);
        Assert.Equal(1, counts[ScapRecordKind.SectionHeader]);
        Assert.Equal(1, counts[ScapRecordKind.MachineInfo]);
        Assert.True(threads > 0);
        Assert.True(lastTimestamp > 1_400_000_000_000_000_000UL, "timestamps are nanoseconds since the epoch");
    }

    [Fact]
    public void Version_one_events_get_the_parameter_count_libscap_infers()
    {
        // falco_cat_write holds v1 event blocks; its execve exit (type 293 in the old table, 20 parameters) was
        // written by a driver that emitted fewer, which the inference must find from the lengths alone.
        using var reader = ScapReader.Open(RepoPaths.Sample("falco_cat_write.scap"));
        var execveExits = 0;
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            if (kind != ScapRecordKind.Event)
            {
                continue;
            }

            var e = reader.Event;
            if (e.Info?.Name == "execve" && !e.IsEnter)
            {
                execveExits++;
                Assert.InRange(e.ParamCount, 1, e.Info.Parameters.Count);
                var exe = e.Param(1);
                Assert.Equal((byte)0, exe[^1]);
            }
        }

        Assert.True(execveExits > 0);
    }

    [Fact]
    public void New_layout_process_tail_is_read_by_its_size()
    {
        // libs_sample.scap was written by libs 0.11 with the 66-byte tail; loginuid follows pidns_init_start_ts and tty.
        using var reader = ScapReader.Open(RepoPaths.Sample("libs_sample.scap"));
        while (reader.Read() != ScapRecordKind.ProcessList)
        {
        }

        var init = reader.Threads.Single(t => t.Tid == 1);
        Assert.Equal("systemd", init.Comm);
        Assert.True(init.HasNewLayoutTail);
        Assert.Equal(-1, init.LoginUid);
        Assert.True(init.PidNsInitStartTs > 0);
    }

    [Fact]
    public void Event_table_matches_the_old_driver()
    {
        Assert.Equal("openat", EventTable.Get(307).Name);
        Assert.Equal(6, EventTable.Get(307).Parameters.Count);
        Assert.Equal(1, EventTable.Get(307).Parameters[2].DirFdParam);
        Assert.True(EventTable.Get(324).HasLargePayload);
        Assert.True(EventTable.Get(234).IsInternal);
        Assert.Equal(20, EventTable.Get(293).Parameters.Count);
        Assert.Null(EventTable.TryGet(336));
        for (ushort code = 0; code < EventTable.KnownCodeLimit; code++)
        {
            Assert.Equal(EventTable.Get(code).HasLargePayload, EventTable.HasLargePayload(code));
        }

        Assert.True(EventTable.HasLargePayload(402));
        Assert.Equal("madvise", SyscallTable.TryGet(SyscallIdOf("madvise"))!.Name);
    }

    private static int SyscallIdOf(string name)
    {
        for (var i = 0; ; i++)
        {
            var info = SyscallTable.TryGet(i) ?? throw new InvalidOperationException($"{name} not in the syscall table");
            if (info.Name == name)
            {
                return i;
            }
        }
    }
}
