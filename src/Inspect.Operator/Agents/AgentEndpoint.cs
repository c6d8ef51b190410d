namespace Inspect.Operator.Agents;

/// <summary>The agent of one node: its pod and where its gRPC port is.</summary>
public sealed record AgentEndpoint(string NodeName, string PodName, string Address, int Port)
{
    /// <summary><c>https://address:port</c>.</summary>
    public Uri Uri => new($"https://{(Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]" : Address)}:{Port}");
}
