using Inspect.TestSupport;

namespace Inspect.Helm.Tests;

/// <summary>The chart lints, renders, and its CRDs are the generated ones.</summary>
public sealed class ChartTests
{
    [Fact]
    public void HelmLintPasses()
    {
        var result = Helm.Run("lint", "--strict", Helm.ChartDirectory);
        Assert.True(result.ExitCode == 0, $"helm lint failed:\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("0 chart(s) failed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsRenderEveryComponent()
    {
        var manifests = Helm.Template();
        manifests.Single("Deployment", "operator");
        manifests.Single("DaemonSet", "agent");
        manifests.Single("Service", "operator");
        var agentService = manifests.Single("Service", "agent");
        Assert.Equal("None", agentService["spec"]["clusterIP"].Text);
        var grpc = Assert.Single(agentService["spec"]["ports"].Items);
        Assert.Equal("7443", grpc["port"].Text);
        Assert.Equal("grpc", grpc["appProtocol"].Text);
        Assert.Equal(2, manifests.OfKind("ServiceAccount").Count());
        Assert.Single(manifests.OfKind("Secret"));
        // Cluster-scoped kinds have no namespace.
        Assert.All(manifests.All.Where(m => m["kind"].Text is not "CustomResourceDefinition" and not "ClusterRole" and not "ClusterRoleBinding"
                and not "ValidatingAdmissionPolicy" and not "ValidatingAdmissionPolicyBinding"),
            m => Assert.Equal(Helm.Namespace, m["metadata"]["namespace"].Text));
    }

    [Fact]
    public void CrdsArePresent()
    {
        var names = Helm.Template().OfKind("CustomResourceDefinition").Select(c => c["metadata"]["name"].Text).Order(StringComparer.Ordinal);
        Assert.Equal(["capturepolicies.inspect.dev", "captures.inspect.dev"], names);
    }

    [Fact]
    public void ChartCrdsEqualTheGeneratedCrdsByteForByte()
    {
        var generated = Path.Combine(RepoPaths.RepoRoot, "config", "crd");
        var chart = Path.Combine(Helm.ChartDirectory, "crds");
        var generatedNames = Directory.GetFiles(generated, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var chartNames = Directory.GetFiles(chart).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(generatedNames);
        Assert.True(generatedNames.SequenceEqual(chartNames),
            $"charts/inspect/crds holds [{string.Join(", ", chartNames)}] but config/crd holds [{string.Join(", ", generatedNames)}]; copy config/crd/*.yaml into charts/inspect/crds/");
        foreach (var name in generatedNames)
        {
            var expected = File.ReadAllBytes(Path.Combine(generated, name!));
            var actual = File.ReadAllBytes(Path.Combine(chart, name!));
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"charts/inspect/crds/{name} is stale: copy config/crd/{name} over it (cp config/crd/*.yaml charts/inspect/crds/)");
        }
    }

    [Fact]
    public void GeneratedTlsSecretHoldsCaAndBothCertificates()
    {
        var secret = Helm.Template().Single("Secret");
        Assert.Equal(["agent.crt", "agent.key", "ca.crt", "operator.crt", "operator.key"], secret["data"].Keys.Order(StringComparer.Ordinal));
        var agentCert = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(secret["data"]["agent.crt"].Text)));
        var dnsNames = agentCert.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames()).ToList();
        Assert.Contains($"*.inspect-agent.{Helm.Namespace}.svc", dnsNames);
    }

    [Fact]
    public void ExistingTlsSecretIsUsedInsteadOfGenerating()
    {
        var manifests = Helm.Template("tls.generate=false", "tls.existingSecret=my-mtls");
        Assert.Empty(manifests.OfKind("Secret"));
        foreach (var workload in new[] { manifests.Single("Deployment", "operator"), manifests.Single("DaemonSet", "agent") })
        {
            var tls = Assert.Single(workload["spec"]["template"]["spec"]["volumes"].Items, v => v["name"].Text == "tls");
            Assert.Equal("my-mtls", tls["secret"]["secretName"].Text);
        }
    }

    [Fact]
    public void EachComponentMountsOnlyItsOwnKey()
    {
        var manifests = Helm.Template();
        string[] Keys(Node workload) =>
            [.. Assert.Single(workload["spec"]["template"]["spec"]["volumes"].Items, v => v["name"].Text == "tls")["secret"]["items"].Items
                .Select(i => i["key"].Text).Order(StringComparer.Ordinal)];
        Assert.Equal(["ca.crt", "operator.crt", "operator.key"], Keys(manifests.Single("Deployment", "operator")));
        Assert.Equal(["agent.crt", "agent.key", "ca.crt"], Keys(manifests.Single("DaemonSet", "agent")));
    }

    [Fact]
    public void StorageSecretIsWiredIntoBothComponents()
    {
        var manifests = Helm.Template("storage.endpoint=http://minio.minio:9000", "storage.bucket=captures", "storage.existingSecret=s3-creds");
        foreach (var workload in new[] { manifests.Single("Deployment", "operator"), manifests.Single("DaemonSet", "agent") })
        {
            var env = workload["spec"]["template"]["spec"]["containers"].Items[0]["env"].Items;
            Assert.Equal("http://minio.minio:9000", Assert.Single(env, e => e["name"].Text == "INSPECT_STORAGE_ENDPOINT")["value"].Text);
            var access = Assert.Single(env, e => e["name"].Text == "INSPECT_STORAGE_ACCESS_KEY")["valueFrom"]["secretKeyRef"];
            Assert.Equal("s3-creds", access["name"].Text);
            Assert.Equal("accessKey", access["key"].Text);
            var secret = Assert.Single(env, e => e["name"].Text == "INSPECT_STORAGE_SECRET_KEY")["valueFrom"]["secretKeyRef"];
            Assert.Equal("secretKey", secret["key"].Text);
        }
    }

    [Fact]
    public void AlertWebhookIsOffByDefaultAndMountsItsCertificateCaAndTokensWhenOn()
    {
        static IReadOnlyList<string> Args(Manifests m) => m.Single("Deployment", "operator")["spec"]["template"]["spec"]["containers"].Items[0]["args"].Strings;
        Assert.DoesNotContain(Args(Helm.Template()), a => a.StartsWith("--webhook-", StringComparison.Ordinal));

        var manifests = Helm.Template(
            "operator.webhook.enabled=true", "operator.webhook.tlsSecret=webhook-tls", "operator.webhook.clientCaSecret=falco-ca", "operator.webhook.tokenSecret=sidekick-tokens");
        var args = Args(manifests);
        Assert.Contains("--webhook-bind-address=:9443", args);
        Assert.Contains($"--policy-namespace={Helm.Namespace}", args);
        Assert.Contains("--flight-recorder-max-bytes=64Mi", args);
        var pod = manifests.Single("Deployment", "operator")["spec"]["template"]["spec"];
        var mounts = pod["containers"].Items[0]["volumeMounts"].Items;
        foreach (var (flag, volume, secret, key) in new[]
        {
            ("--webhook-tls-cert=", "webhook-tls", "webhook-tls", "tls.crt"),
            ("--webhook-tls-key=", "webhook-tls", "webhook-tls", "tls.key"),
            ("--webhook-client-ca=", "webhook-client-ca", "falco-ca", "ca.crt"),
            ("--webhook-token-file=", "webhook-tokens", "sidekick-tokens", "tokens"),
        })
        {
            // Every file a flag names is in a read-only mount of the Secret that holds it.
            var path = Assert.Single(args, a => a.StartsWith(flag, StringComparison.Ordinal))[flag.Length..];
            var mount = Assert.Single(mounts, m => m["name"].Text == volume);
            Assert.True(mount["readOnly"].IsTrue);
            Assert.Equal(mount["mountPath"].Text + "/" + key, path);
            var source = Assert.Single(pod["volumes"].Items, v => v["name"].Text == volume)["secret"];
            Assert.Equal(secret, source["secretName"].Text);
            Assert.Contains(source["items"].Items, i => i["key"].Text == key && i["path"].Text == key);
        }
    }

    [Fact]
    public void WebUiIsOffByDefaultAndServesHttpsWithItsCertificateAndABoundedCacheWhenOn()
    {
        static IReadOnlyList<string> Args(Manifests m) => m.Single("Deployment", "operator")["spec"]["template"]["spec"]["containers"].Items[0]["args"].Strings;
        var defaults = Helm.Template();
        Assert.DoesNotContain(Args(defaults), a => a.StartsWith("--ui-", StringComparison.Ordinal));
        Assert.DoesNotContain(defaults.Single("Service", "operator")["spec"]["ports"].Items, p => p["name"].Text == "ui");

        var manifests = Helm.Template("operator.ui.enabled=true", "operator.ui.tlsSecret=ui-tls", "operator.ui.cacheSizeMiB=4096");
        var args = Args(manifests);
        Assert.Contains("--ui-bind-address=:8443", args);
        Assert.Contains("--ui-cache-mib=4096", args);
        var pod = manifests.Single("Deployment", "operator")["spec"]["template"]["spec"];
        var container = pod["containers"].Items[0];
        Assert.Contains(container["ports"].Items, p => p["name"].Text == "ui" && p["containerPort"].Text == "8443");
        var mounts = container["volumeMounts"].Items;
        foreach (var (flag, key) in new[] { ("--ui-tls-cert=", "tls.crt"), ("--ui-tls-key=", "tls.key") })
        {
            var path = Assert.Single(args, a => a.StartsWith(flag, StringComparison.Ordinal))[flag.Length..];
            var mount = Assert.Single(mounts, m => m["name"].Text == "ui-tls");
            Assert.True(mount["readOnly"].IsTrue);
            Assert.Equal(mount["mountPath"].Text + "/" + key, path);
            var source = Assert.Single(pod["volumes"].Items, v => v["name"].Text == "ui-tls")["secret"];
            Assert.Equal("ui-tls", source["secretName"].Text);
            Assert.Contains(source["items"].Items, i => i["key"].Text == key && i["path"].Text == key);
        }

        // The fetched artifacts go to a writable emptyDir (the root filesystem is read-only), bounded in size.
        var cacheDir = Assert.Single(args, a => a.StartsWith("--ui-cache-dir=", StringComparison.Ordinal))["--ui-cache-dir=".Length..];
        Assert.Equal(cacheDir, Assert.Single(mounts, m => m["name"].Text == "ui-cache")["mountPath"].Text);
        Assert.Equal("8192Mi", Assert.Single(pod["volumes"].Items, v => v["name"].Text == "ui-cache")["emptyDir"]["sizeLimit"].Text);
        var port = Assert.Single(manifests.Single("Service", "operator")["spec"]["ports"].Items, p => p["name"].Text == "ui");
        Assert.Equal("ui", port["targetPort"].Text);
    }
}
