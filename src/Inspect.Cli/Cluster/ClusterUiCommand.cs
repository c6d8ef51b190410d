using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace Inspect.Cli.Cluster;

/// <summary>
/// <c>inspect ui --cluster</c> (and <c>kubectl inspect ui</c>): finds the operator pod that serves the UI, forwards a
/// local port to it through the API server with the kubeconfig's credentials, adds the user's bearer token to every
/// request (the operator checks it with TokenReview and SubjectAccessReview), and opens the browser on it.
/// </summary>
internal sealed record ClusterUiCommand
{
    public string? Kubeconfig { get; init; }

    public string? Context { get; init; }

    public string OperatorNamespace { get; init; } = "inspect";

    public string OperatorSelector { get; init; } = OperatorUi.DefaultSelector;

    public string? OperatorCa { get; init; }

    public string? TokenFile { get; init; }

    public bool OpenBrowser { get; init; } = true;

    public required string Listen { get; init; }

    public int Run(TextWriter stdout, TextWriter stderr)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig, Context);
        }
        catch (k8s.Exceptions.KubeConfigException e)
        {
            throw new UsageException($"ui --cluster: the kubeconfig cannot be used: {e.Message}");
        }

        using var client = new Kubernetes(config);
        UiProxy proxy;
        try
        {
            var token = TokenFile is null ? KubeconfigToken.ReadAsync(config, CancellationToken.None).GetAwaiter().GetResult() : ReadTokenFile(TokenFile);
            var target = OperatorUi.FindAsync(client, OperatorNamespace, OperatorSelector, CancellationToken.None).GetAwaiter().GetResult();
            var ca = OperatorCa is null ? null : X509CertificateLoader.LoadCertificateFromFile(OperatorCa);
            var forward = new PortForwardConnector(client, target);
            proxy = UiProxy.StartAsync(Listen, forward.ConnectAsync, ca, token).GetAwaiter().GetResult();
            stdout.WriteLine($"Inspect UI of the cluster on {proxy.Address} (forwarded to {target.Namespace}/{target.Pod}:{target.Port}; Ctrl+C stops it)");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or k8s.Autorest.HttpOperationException or HttpRequestException or System.Security.Cryptography.CryptographicException)
        {
            stderr.WriteLine($"inspect: ui --cluster: {Describe(e)}");
            return CommandLine.ExitFailure;
        }

        stdout.Flush();
        if (OpenBrowser)
        {
            Open(proxy.Address, stderr);
        }

        proxy.WaitForShutdownAsync().GetAwaiter().GetResult();
        proxy.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return CommandLine.ExitOk;
    }

    private static string ReadTokenFile(string path)
    {
        var token = File.ReadAllText(path).Trim();
        return token.Length > 0 ? token : throw new InvalidOperationException($"--token-file {path} is empty");
    }

    private static string Describe(Exception e) => e is k8s.Autorest.HttpOperationException http
        ? $"the API server answered {(int)http.Response.StatusCode}: {http.Response.Content}"
        : e.Message;

    // The desktop's browser, where there is one; the URL is printed either way.
    private static void Open(Uri address, TextWriter stderr)
    {
        var opener = OperatingSystem.IsMacOS() ? "open" : OperatingSystem.IsWindows() ? "explorer" : "xdg-open";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener, address.ToString()) { UseShellExecute = false });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            stderr.WriteLine($"inspect: no browser opener ({opener}); open {address} yourself");
        }
    }
}
