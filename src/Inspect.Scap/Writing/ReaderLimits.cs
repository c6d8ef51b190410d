namespace Inspect.Scap.Writing;

/// <summary>
/// Size limits sysdig 0.29.3's reader enforces on metadata strings; a longer string fails the whole file there, so the
/// writer cuts strings to these sizes (documented in FORMAT.md).
/// </summary>
internal static class ReaderLimits
{
    /// <summary>comm, exe, exepath, cwd, root.</summary>
    public const int Path = 1024;

    /// <summary>args, env, cgroups.</summary>
    public const int List = 4096;

    /// <summary>fd names must be shorter than this.</summary>
    public const int FdName = 1023;

    /// <summary>user name, home, shell, group name must be shorter than this.</summary>
    public const int UserField = 255;

    /// <summary>interface names must be shorter than this.</summary>
    public const int InterfaceName = 1023;
}
