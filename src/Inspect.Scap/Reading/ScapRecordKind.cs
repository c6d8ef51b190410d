namespace Inspect.Scap.Reading;

/// <summary>What <see cref="ScapReader.Read"/> moved to.</summary>
public enum ScapRecordKind
{
    /// <summary>The end of the capture.</summary>
    End,
    SectionHeader,
    MachineInfo,
    ProcessList,
    FdList,
    InterfaceList,
    UserList,
    Event,

    /// <summary>Inspect's redaction counts (<see cref="ScapReader.Redaction"/>).</summary>
    RedactionSummary,
}
