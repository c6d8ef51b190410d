namespace Inspect.Operator.Tests.Support;

/// <summary>
/// Tests that read an operator's Prometheus endpoint run alone: OpenTelemetry listens to meters by name across the
/// process, so operators of tests running beside them would add their series to the page.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public static class MetricsCollection
{
    public const string Name = "metrics";
}
