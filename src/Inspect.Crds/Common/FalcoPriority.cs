using System.Text.Json.Serialization;

namespace Inspect.Crds.Common;

/// <summary>Falco's rule priorities, most severe first (the names Falco and Falcosidekick send).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FalcoPriority>))]
public enum FalcoPriority
{
    /// <summary>System is unusable.</summary>
    Emergency,

    /// <summary>Action must be taken immediately.</summary>
    Alert,

    /// <summary>Critical conditions.</summary>
    Critical,

    /// <summary>Error conditions.</summary>
    Error,

    /// <summary>Warning conditions.</summary>
    Warning,

    /// <summary>Normal but significant.</summary>
    Notice,

    /// <summary>Informational.</summary>
    Informational,

    /// <summary>Debugging detail.</summary>
    Debug,
}
