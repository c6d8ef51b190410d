using Inspect.Agent.Capture;

namespace Inspect.Agent.Host.Storage;

/// <summary>
/// A store that takes the capture while it is recorded (S3 multipart upload), so little is left to send when
/// recording stops. The runner still keeps the spool file beside it: the summary is computed from it, and it is what
/// <see cref="IArtifactStore.StoreAsync"/> sends again when the streamed upload could not complete.
/// </summary>
public interface IStreamingArtifactStore : IArtifactStore
{
    /// <summary>Starts the upload of <paramref name="capture"/> (its spool file is being written).</summary>
    IStreamingArtifact Begin(SpooledCapture capture);
}

/// <summary>One upload in progress.</summary>
public interface IStreamingArtifact : IDisposable
{
    /// <summary>The sink the recording writes into; disposing the artifact closes it.</summary>
    ICaptureSink Sink { get; }

    /// <summary>Finishes the upload with the summary stored beside it. <c>Stored</c> is null, and <c>WhyNot</c> says
    /// why, when the store did not take the whole object.</summary>
    Task<(StoredArtifact? Stored, string? WhyNot)> CompleteAsync(string summaryJson, CancellationToken cancellationToken);
}
