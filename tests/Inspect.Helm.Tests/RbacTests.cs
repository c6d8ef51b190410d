namespace Inspect.Helm.Tests;

/// <summary>RBAC is least privilege per component.</summary>
public sealed class RbacTests
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    private static IReadOnlyList<Node> Rules(Manifests manifests, string kind, string component) =>
        manifests.Single(kind, component)["rules"].Items;

    [Fact]
    public void AgentOnlyReadsPods()
    {
        var manifests = Helm.Template();
        var rule = Assert.Single(Rules(manifests, "ClusterRole", "agent"));
        Assert.Equal([""], rule["apiGroups"].Strings);
        Assert.Equal(["pods"], rule["resources"].Strings);
        Assert.Equal(["get", "list", "watch"], rule["verbs"].Strings);
        Assert.DoesNotContain(manifests.OfKind("Role"), r => r["metadata"]["labels"]["app.kubernetes.io/component"].TextOrNull == "agent");
    }

    [Fact]
    public void NoRoleHasWildcards()
    {
        foreach (var role in Helm.Template().All.Where(m => m["kind"].Text is "ClusterRole" or "Role"))
        {
            foreach (var rule in role["rules"].Items)
            {
                Assert.DoesNotContain("*", rule["verbs"].Strings);
                Assert.DoesNotContain("*", rule["resources"].Strings);
                Assert.DoesNotContain("*", rule["apiGroups"].Strings);
                Assert.False(rule["nonResourceURLs"].Exists);
            }
        }
    }

    [Fact]
    public void NoComponentReadsSecretsClusterWide()
    {
        foreach (var role in Helm.Template().OfKind("ClusterRole"))
        {
            Assert.DoesNotContain(role["rules"].Items, r => r["resources"].Strings.Contains("secrets"));
        }
    }

    [Fact]
    public void OperatorMayGetSecretsOnlyInTheNamespacesListedForCaptureCredentials()
    {
        Assert.DoesNotContain(Helm.Template().OfKind("Role"), r => r["rules"].Items.Any(rule => rule["resources"].Strings.Contains("secrets")));

        var manifests = Helm.Template("storage.captureSecretNamespaces={team-a,team-b}");
        var roles = manifests.OfKind("Role").Where(r => r["rules"].Items.Any(rule => rule["resources"].Strings.Contains("secrets"))).ToList();
        Assert.Equal(["team-a", "team-b"], roles.Select(r => r["metadata"]["namespace"].Text).Order(StringComparer.Ordinal));
        foreach (var role in roles)
        {
            var rule = Assert.Single(role["rules"].Items);
            Assert.Equal(["get"], rule["verbs"].Strings);
            var binding = Assert.Single(manifests.OfKind("RoleBinding"), b =>
                b["metadata"]["namespace"].Text == role["metadata"]["namespace"].Text && b["roleRef"]["name"].Text == role["metadata"]["name"].Text);
            Assert.Equal(manifests.Single("ServiceAccount", "operator")["metadata"]["name"].Text, Assert.Single(binding["subjects"].Items)["name"].Text);
        }
    }

    [Fact]
    public void OperatorHasTheVerbsItNeedsAndNoMore()
    {
        var manifests = Helm.Template();
        var verbs = new Dictionary<string, string[]>();
        foreach (var rule in Rules(manifests, "ClusterRole", "operator"))
        {
            foreach (var group in rule["apiGroups"].Strings)
            {
                foreach (var resource in rule["resources"].Strings)
                {
                    verbs[$"{group}/{resource}"] = [.. rule["verbs"].Strings.Order(StringComparer.Ordinal)];
                }
            }
        }

        Assert.Equal(["create", "delete", "get", "list", "patch", "update", "watch"], verbs["inspect.dev/captures"]);
        Assert.Equal(["get", "patch", "update"], verbs["inspect.dev/captures/status"]);
        Assert.Equal(["update"], verbs["inspect.dev/captures/finalizers"]);
        Assert.Equal(["get", "list", "watch"], verbs["inspect.dev/capturepolicies"]);
        Assert.Equal(["get", "patch", "update"], verbs["inspect.dev/capturepolicies/status"]);
        Assert.Equal(["get", "list", "watch"], verbs["/pods"]);
        Assert.Equal(["get", "list", "watch"], verbs["/nodes"]);
        Assert.Equal(["create", "patch"], verbs["/events"]);
        Assert.Equal(["create"], verbs["authentication.k8s.io/tokenreviews"]);
        Assert.Equal(["create"], verbs["authorization.k8s.io/subjectaccessreviews"]);
        Assert.DoesNotContain("coordination.k8s.io/leases", verbs.Keys);

        // Workloads the operator watches are never written.
        Assert.DoesNotContain(verbs["/pods"], WriteVerbs.Contains);
        Assert.DoesNotContain(verbs["/nodes"], WriteVerbs.Contains);
        Assert.DoesNotContain(verbs["inspect.dev/capturepolicies"], WriteVerbs.Contains);

        // Leases only in the release namespace.
        var lease = Assert.Single(Assert.Single(manifests.OfKind("Role"))["rules"].Items);
        Assert.Equal(["leases"], lease["resources"].Strings);
        Assert.DoesNotContain("delete", lease["verbs"].Strings);
    }

    [Fact]
    public void BindingsPointAtEachComponentsOwnServiceAccount()
    {
        var manifests = Helm.Template();
        foreach (var component in new[] { "operator", "agent" })
        {
            var binding = manifests.Single("ClusterRoleBinding", component);
            var subject = Assert.Single(binding["subjects"].Items);
            Assert.Equal(manifests.Single("ServiceAccount", component)["metadata"]["name"].Text, subject["name"].Text);
            Assert.Equal(manifests.Single("ClusterRole", component)["metadata"]["name"].Text, binding["roleRef"]["name"].Text);
        }
    }
}
