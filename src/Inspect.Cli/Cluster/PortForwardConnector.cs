using k8s;

namespace Inspect.Cli.Cluster;

/// <summary>
/// Opens connections to a pod's port through the API server, as <c>kubectl port-forward</c> does (the WebSocket
/// port-forward subresource, <c>v4.channel.k8s.io</c>): one forward per connection, closed with it.
/// </summary>
public sealed class PortForwardConnector(IKubernetes client, OperatorUi target)
{
    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = await client.WebSocketNamespacedPodPortForwardAsync(target.Pod, target.Namespace, [target.Port], "v4.channel.k8s.io", cancellationToken: cancellationToken).ConfigureAwait(false);
        var demuxer = new StreamDemuxer(socket, StreamType.PortForward);
        demuxer.Start();
        // Channel 0 carries the first port's data (channel 1 its errors).
        return new OwningStream(demuxer.GetStream((byte?)0, (byte?)0), demuxer);
    }

    // The data stream, which also ends the forward (its demuxer and WebSocket) when closed.
    private sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
