using Inspect.TestSupport;

namespace Inspect.Ui.Tests;

/// <summary>One server over the shared sample captures, on a free port, for a whole test class.</summary>
public sealed class UiServerFixture : IAsyncLifetime
{
    private UiServer? _server;

    public UiClient Client { get; private set; } = null!;

    public Uri Address => _server!.Address;

    public async ValueTask InitializeAsync()
    {
        _server = await UiServer.StartAsync(new UiOptions { Path = Path.Combine(RepoPaths.SharedDir, "scap-samples"), Listen = "127.0.0.1:0" });
        Client = new UiClient(_server.Address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
