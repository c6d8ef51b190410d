namespace Inspect.Crds.Common;

/// <summary>Every condition reason Inspect writes, in one place so operator, CLI and tests agree.</summary>
public static class CaptureReasons
{
    /// <summary>The resource was accepted and waits for agents.</summary>
    public const string Pending = "Pending";

    /// <summary>No node matches the targets yet.</summary>
    public const string NoTargets = "NoTargets";

    /// <summary>Agents are starting the capture.</summary>
    public const string Starting = "Starting";

    /// <summary>Agents are recording.</summary>
    public const string Capturing = "Capturing";

    /// <summary>Recording stopped; artifacts are being uploaded.</summary>
    public const string Uploading = "Uploading";

    /// <summary>Every node's artifact is stored.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>Some nodes' artifacts are stored, others failed or were lost.</summary>
    public const string PartiallySucceeded = "PartiallySucceeded";

    /// <summary>No artifact could be stored.</summary>
    public const string Failed = "Failed";

    /// <summary>The spec can never succeed (bad filter, path or output); nothing was started.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>An agent could not be reached or refused the request.</summary>
    public const string AgentUnavailable = "AgentUnavailable";

    /// <summary>The kernel or the agent dropped events.</summary>
    public const string EventsDropped = "EventsDropped";

    /// <summary>An upload failed; the file stays on the node and is retried.</summary>
    public const string UploadRetrying = "UploadRetrying";

    /// <summary>Part of what was captured could not be stored.</summary>
    public const string DataLost = "DataLost";

    /// <summary>Every node's file is stored, but some are incomplete: bytes were lost while storage was unreachable,
    /// or the agent went away before the capture's end and its file was found in storage.</summary>
    public const string Incomplete = "Incomplete";

    /// <summary>The per-node or per-cluster limit of concurrent captures holds this one back.</summary>
    public const string Throttled = "Throttled";

    /// <summary>The resource is being deleted; agents are being stopped.</summary>
    public const string Terminating = "Terminating";

    /// <summary>A policy is active and matching alerts.</summary>
    public const string PolicyActive = "PolicyActive";

    /// <summary>A policy only records what it would do.</summary>
    public const string PolicyDryRun = "PolicyDryRun";
}
