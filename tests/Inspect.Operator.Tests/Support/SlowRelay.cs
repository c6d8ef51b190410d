using System.Net;
using System.Net.Sockets;

namespace Inspect.Operator.Tests.Support;

/// <summary>
/// A TCP relay on loopback in front of a server whose answers it passes on slowly: requests go through at once, answers
/// in small pieces with a pause after each. Storage behind it takes a known while to send an object, so a test can
/// watch a download under way however fast or loaded the machine is.
/// </summary>
public sealed class SlowRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _target;
    private readonly int _pieceBytes;
    private readonly TimeSpan _pause;
    private readonly Task _accepting;

    /// <param name="target">The loopback port relayed to.</param>
    /// <param name="pieceBytes">How many bytes of an answer go at a time.</param>
    /// <param name="pause">The pause after each piece.</param>
    public SlowRelay(int target, int pieceBytes, TimeSpan pause)
    {
        _target = target;
        _pieceBytes = pieceBytes;
        _pause = pause;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                var requests = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                var answers = SlowCopyAsync(server.GetStream(), client.GetStream());
                await Task.WhenAny(requests, answers);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                // Either side went away, or the relay stopped.
            }
        }
    }

    private async Task SlowCopyAsync(Stream from, Stream to)
    {
        var piece = new byte[_pieceBytes];
        int n;
        while ((n = await from.ReadAsync(piece, _stop.Token)) > 0)
        {
            await to.WriteAsync(piece.AsMemory(0, n), _stop.Token);
            await Task.Delay(_pause, _stop.Token);
        }
    }
}
