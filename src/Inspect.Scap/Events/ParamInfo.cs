namespace Inspect.Scap.Events;

/// <summary>One parameter of an event type.</summary>
/// <param name="Name">Parameter name as sysdig prints it (<c>fd</c>, <c>name</c>, <c>res</c>, ...).</param>
/// <param name="Type">Wire type.</param>
/// <param name="Format">Print format.</param>
/// <param name="FlagTable">For flag and enum parameters, the name of the table that names the bits (see <see cref="FlagTables"/>); for dynamic parameters <c>dyn:NAME</c>.</param>
/// <param name="DirFdParam">For <see cref="ParamType.FsRelPath"/>, the index of the parameter holding the directory fd; otherwise -1.</param>
public sealed record ParamInfo(string Name, ParamType Type, PrintFormat Format, string? FlagTable, int DirFdParam);
