using Grpc.Core;
using Inspect.Agent.Host.Captures;
using Inspect.Agent.Host.FlightRecorder;
using Inspect.Agent.Host.Targeting;
using Inspect.Agent.Probe;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Grpc;

/// <summary>inspect.agent.v1.Agent over the <see cref="CaptureManager"/>. Reached only through mutual TLS.</summary>
public sealed class AgentService(CaptureManager captures, IProbeFactory probes, ArmedRings rings) : Protocol.V1.Agent.AgentBase
{
    public override Task<ArmStatus> Arm(ArmRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return Task.FromResult(rings.Arm(request));
        }
        catch (Exception e) when (e is ArgumentException or TargetNotFoundException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }

    public override Task<ArmStatus> Disarm(DisarmRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(rings.Disarm(request.RingId));
    }

    public override Task<ListRingsResponse> ListRings(ListRingsRequest request, ServerCallContext context)
    {
        var response = new ListRingsResponse();
        response.Rings.AddRange(rings.List());
        return Task.FromResult(response);
    }

    public override Task<CaptureStatus> StartCapture(StartCaptureRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var (capture, reattached) = captures.Start(request);
            var status = capture.Snapshot().Status;
            status.Reattached = reattached;
            return Task.FromResult(status);
        }
        catch (CaptureRejectedException e)
        {
            throw new RpcException(new Status(e.Kind == RejectionKind.SpoolFull ? StatusCode.ResourceExhausted : StatusCode.InvalidArgument, e.Message));
        }
    }

    public override Task<CaptureStatus> StopCapture(StopCaptureRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (captures.Find(request.CaptureId) is not { } capture)
        {
            // Stopping is idempotent: an unknown capture is already stopped as far as this agent is concerned.
            return Task.FromResult(new CaptureStatus { CaptureId = request.CaptureId, NodeName = captures.NodeName, Phase = CapturePhase.Unspecified });
        }

        capture.Stop();
        return Task.FromResult(capture.Snapshot().Status);
    }

    public override async Task WatchCapture(WatchCaptureRequest request, IServerStreamWriter<CaptureStatus> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var capture = captures.Find(request.CaptureId)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"no capture {request.CaptureId} on node {captures.NodeName}"));
        while (true)
        {
            var (status, version) = capture.Snapshot();
            await responseStream.WriteAsync(status, context.CancellationToken).ConfigureAwait(false);
            if (ManagedCapture.IsTerminal(status.Phase))
            {
                return;
            }

            await capture.WaitForChangeAsync(version, context.CancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<ListCapturesResponse> ListCaptures(ListCapturesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new ListCapturesResponse();
        response.Captures.AddRange(captures.All()
            .Where(c => request.CaptureId.Length == 0 || c.Id == request.CaptureId)
            .Select(c => c.Snapshot().Status));
        return Task.FromResult(response);
    }

    public override Task<HealthResponse> Health(HealthRequest request, ServerCallContext context)
    {
        var whyNot = probes.WhyUnsupported();
        return Task.FromResult(new HealthResponse
        {
            NodeName = captures.NodeName,
            ProbeSupported = whyNot is null,
            ProbeUnsupportedReason = whyNot ?? "",
            ActiveCaptures = captures.Active(),
            Version = typeof(AgentService).Assembly.GetName().Version?.ToString() ?? "",
        });
    }
}
