namespace Inspect.Agent.Containers;

/// <summary>What is known about the pod (and the container within it) a container belongs to.</summary>
/// <param name="Uid">The pod uid.</param>
/// <param name="Name">Pod name, when a source knows it.</param>
/// <param name="Namespace">Pod namespace, when a source knows it.</param>
/// <param name="ContainerName">The container's name in the pod spec, when known.</param>
/// <param name="Image">The container image, when known.</param>
/// <param name="Labels">The pod's own labels.</param>
public sealed record PodMetadata(
    string Uid,
    string? Name = null,
    string? Namespace = null,
    string? ContainerName = null,
    string? Image = null,
    IReadOnlyDictionary<string, string>? Labels = null);
