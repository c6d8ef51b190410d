namespace Inspect.Agent.Capture;

/// <summary>Finds the cgroup v2 (unified) mount: /sys/fs/cgroup on pure v2 hosts, often /sys/fs/cgroup/unified on hybrid ones.</summary>
public static class CgroupV2Mount
{
    /// <summary>The mount point of the first cgroup2 file system in a /proc/mounts text, or null.</summary>
    public static string? FindMountPoint(string mountsText)
    {
        ArgumentNullException.ThrowIfNull(mountsText);
        foreach (var line in mountsText.Split('\n'))
        {
            var fields = line.Split(' ');
            if (fields.Length > 2 && fields[2] == "cgroup2")
            {
                return fields[1].Replace("\\040", " ", StringComparison.Ordinal);
            }
        }

        return null;
    }

    /// <summary>This machine's cgroup v2 mount point, or null.</summary>
    public static string? Find() => File.Exists("/proc/mounts") ? FindMountPoint(File.ReadAllText("/proc/mounts")) : null;

    /// <summary>
    /// A cgroup directory from what a user typed: an existing directory as is, else a cgroup path such as
    /// <c>/kubepods/besteffort/pod…</c> taken relative to the v2 mount.
    /// </summary>
    public static string Resolve(string cgroup)
    {
        ArgumentNullException.ThrowIfNull(cgroup);
        if (Directory.Exists(cgroup) && Path.IsPathRooted(cgroup))
        {
            return cgroup;
        }

        var mount = Find() ?? throw new DirectoryNotFoundException($"cgroup {cgroup} does not exist and this machine has no cgroup v2 mount");
        var underMount = Path.Join(mount, cgroup.TrimStart('/'));
        return Directory.Exists(underMount)
            ? underMount
            : throw new DirectoryNotFoundException($"cgroup {cgroup} does not exist (neither as a directory nor under the cgroup v2 mount {mount})");
    }
}
