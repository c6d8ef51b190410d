using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Storage;

/// <summary>The registered stores, asked in order.</summary>
public sealed class ArtifactStores(IEnumerable<IArtifactStore> stores)
{
    private readonly IReadOnlyList<IArtifactStore> _stores = [.. stores];

    /// <summary>The store for <paramref name="output"/>, or null with the reason when none handles it.</summary>
    public IArtifactStore? Find(ArtifactOutput? output, out string? whyNot)
    {
        if (output is null || output.LocationCase == ArtifactOutput.LocationOneofCase.None)
        {
            whyNot = "the request names no output location";
            return null;
        }

        var store = _stores.FirstOrDefault(s => s.Accepts(output));
        whyNot = store is null
            ? $"this agent has no artifact store for {output.LocationCase} output (registered: {string.Join(", ", _stores.Select(s => s.Name))})"
            : null;
        return store;
    }
}
