using System.Globalization;
using Inspect.Scap.Model;

namespace Inspect.Agent.Snapshot;

/// <summary>Users and groups from /etc/passwd and /etc/group, where sysdig's <c>user.name</c> and <c>group.name</c> come from.</summary>
public static class UserListReader
{
    public static UserList Read(string etcRoot = "/etc")
    {
        ArgumentNullException.ThrowIfNull(etcRoot);
        return new UserList(
            ParsePasswd(ProcFiles.ReadText(Path.Combine(etcRoot, "passwd"))),
            ParseGroup(ProcFiles.ReadText(Path.Combine(etcRoot, "group"))));
    }

    /// <summary>name:password:uid:gid:gecos:home:shell lines; malformed lines are skipped.</summary>
    public static List<UserEntry> ParsePasswd(string? text)
    {
        var users = new List<UserEntry>();
        foreach (var f in Rows(text))
        {
            if (f.Length >= 7 && uint.TryParse(f[2], CultureInfo.InvariantCulture, out var uid) && uint.TryParse(f[3], CultureInfo.InvariantCulture, out var gid))
            {
                users.Add(new UserEntry(uid, gid, f[0], f[5], f[6]));
            }
        }

        return users;
    }

    /// <summary>name:password:gid:members lines.</summary>
    public static List<GroupEntry> ParseGroup(string? text)
    {
        var groups = new List<GroupEntry>();
        foreach (var f in Rows(text))
        {
            if (f.Length >= 3 && uint.TryParse(f[2], CultureInfo.InvariantCulture, out var gid))
            {
                groups.Add(new GroupEntry(gid, f[0]));
            }
        }

        return groups;
    }

    private static IEnumerable<string[]> Rows(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(':'));
}
