using Inspect.Agent.Host;

namespace Inspect.Operator.Tests.Support;

/// <summary>An agent host running in-process for one node, with the probe its tests gave it.</summary>
internal sealed class TestAgent(string node, AgentHost host, SyntheticProbeFactory? probes, string spool) : IAsyncDisposable
{
    private bool _stopped;

    public string Node { get; } = node;

    public AgentHost Host { get; } = host;

    /// <summary>The synthetic probes it opened; null when it runs the real probe.</summary>
    public SyntheticProbeFactory? Probes { get; } = probes;

    public string SpoolDirectory { get; } = spool;

    /// <summary>Kills the agent: its endpoints go away at once, as when the process or node dies.</summary>
    public async Task KillAsync()
    {
        _stopped = true;
        await Host.StopAsync(TimeSpan.Zero);
        await Host.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Host.StopAsync(TimeSpan.FromSeconds(5));
            await Host.DisposeAsync();
        }
    }
}
