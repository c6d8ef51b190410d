namespace Inspect.Agent.Snapshot;

/// <summary>Takes a <see cref="SystemSnapshot"/>: from /proc and /etc on a real machine, canned in tests.</summary>
public interface ISystemSnapshotSource
{
    SystemSnapshot Take();
}
