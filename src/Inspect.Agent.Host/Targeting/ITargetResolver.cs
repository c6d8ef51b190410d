using Inspect.Agent.Capture;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Targeting;

/// <summary>Turns a start request's pods into what the probe targets on this node.</summary>
public interface ITargetResolver
{
    /// <summary>The probe target for <paramref name="request"/>.</summary>
    /// <exception cref="TargetNotFoundException">None of the requested targets exists on this node.</exception>
    CaptureTarget Resolve(StartCaptureRequest request);

    /// <summary>What to ask, while recording, for target cgroups that appear after <paramref name="resolved"/> was
    /// found (see <see cref="CaptureOptions.NewCgroups"/>): those matching <paramref name="hints"/>, which may grow
    /// while recording. Null when targets cannot appear later.</summary>
    Func<IReadOnlyList<string>>? Follow(CaptureTarget resolved, Func<IReadOnlyList<string>> hints) => null;
}

/// <summary>None of a request's targets could be found on the node.</summary>
public sealed class TargetNotFoundException(string message) : Exception(message);
