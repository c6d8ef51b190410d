using Grpc.Core;
using Inspect.Agent.Protocol.V1;
using Inspect.Operator.Controllers;

namespace Inspect.Operator.Agents;

/// <summary>The reconciler's calls to agents, each with a deadline. Transport failures surface as
/// <see cref="RpcException"/>; the caller decides how long an agent may stay unreachable.</summary>
public sealed class AgentGateway(AgentDirectory directory, AgentConnections connections, ControllerTimings timings)
{
    /// <summary>The agent of each node, from the API now.</summary>
    public Task<IReadOnlyDictionary<string, AgentEndpoint>> EndpointsAsync(CancellationToken cancellationToken) =>
        directory.ListAsync(cancellationToken);

    /// <summary>Starts (or re-attaches to) a capture.</summary>
    public async Task<CaptureStatus> StartAsync(AgentEndpoint agent, StartCaptureRequest request, CancellationToken cancellationToken) =>
        await Call(agent, c => c.StartCaptureAsync(request, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);

    /// <summary>The capture's status on that agent, or null when the agent does not know it.</summary>
    public async Task<CaptureStatus?> GetAsync(AgentEndpoint agent, string captureId, CancellationToken cancellationToken)
    {
        var response = await Call(agent, c => c.ListCapturesAsync(new ListCapturesRequest { CaptureId = captureId }, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync)
            .ConfigureAwait(false);
        return response.Captures.FirstOrDefault(c => c.CaptureId == captureId);
    }

    /// <summary>Asks the agent to stop the capture (idempotent).</summary>
    public async Task<CaptureStatus> StopAsync(AgentEndpoint agent, string captureId, CancellationToken cancellationToken) =>
        await Call(agent, c => c.StopCaptureAsync(new StopCaptureRequest { CaptureId = captureId }, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync)
            .ConfigureAwait(false);

    /// <summary>Arms a flight-recorder ring (idempotent by ring id).</summary>
    public async Task<ArmStatus> ArmAsync(AgentEndpoint agent, ArmRequest request, CancellationToken cancellationToken) =>
        await Call(agent, c => c.ArmAsync(request, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);

    /// <summary>Disarms a ring (an unknown one is not an error).</summary>
    public async Task<ArmStatus> DisarmAsync(AgentEndpoint agent, string ringId, CancellationToken cancellationToken) =>
        await Call(agent, c => c.DisarmAsync(new DisarmRequest { RingId = ringId }, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync)
            .ConfigureAwait(false);

    /// <summary>The rings the agent keeps.</summary>
    public async Task<IReadOnlyList<ArmStatus>> ListRingsAsync(AgentEndpoint agent, CancellationToken cancellationToken) =>
        (await Call(agent, c => c.ListRingsAsync(new ListRingsRequest(), deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false)).Rings;

    /// <summary>True for failures that say nothing about the request, only that the agent could not be reached.</summary>
    public static bool IsUnreachable(RpcException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled;
    }

    private DateTime Deadline() => DateTime.UtcNow + timings.AgentCallTimeout;

    private async Task<T> Call<T>(AgentEndpoint agent, Func<Agent.Protocol.V1.Agent.AgentClient, Task<T>> call)
    {
        try
        {
            return await call(connections.For(agent)).ConfigureAwait(false);
        }
        catch (RpcException e) when (IsUnreachable(e))
        {
            // A fresh channel next time: the agent may have come back at the same address with a new certificate.
            connections.Forget(agent);
            throw;
        }
    }
}
