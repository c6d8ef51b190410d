using System.Text.Json.Serialization;

namespace Inspect.Crds.Capture;

/// <summary>Where a capture request came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TriggerSource>))]
public enum TriggerSource
{
    /// <summary>Someone applied the Capture.</summary>
    Manual,

    /// <summary>A Falco alert arrived at the operator's webhook.</summary>
    Falco,

    /// <summary>A CapturePolicy stamped it out.</summary>
    Policy,
}
