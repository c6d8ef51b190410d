namespace Inspect.Analysis.Views;

/// <summary>The views Inspect computes, by csysdig id: Sysdig Inspect's drill-down tables.</summary>
public static partial class ViewCatalog
{
    private static IReadOnlyList<ViewDefinition>? all;

    // Built on first use: the definitions live in several files, whose static fields have no defined order between them.
    public static IReadOnlyList<ViewDefinition> All => all ??=
    [
        ProcsView, ProcsCpuView, ProcsErrorsView, ThreadsView,
        FilesView, DirectoriesView, FileOpensView, IoByTypeView, SlowIoView,
        ConnectionsView, IncomingConnectionsView, SportsView, PortBindingsView,
        ErrorsView, SyscallsView, SpyUsersView,
        ContainersView, ContainersErrorsView, KubernetesPodsView, KubernetesNamespacesView,
    ];

    /// <summary>The view with this csysdig id, or null.</summary>
    public static ViewDefinition? Find(string id) => All.FirstOrDefault(v => v.Id == id);
}
