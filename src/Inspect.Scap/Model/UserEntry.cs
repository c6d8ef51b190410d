namespace Inspect.Scap.Model;

/// <summary>A user of the machine (user-list block), where <c>user.name</c> comes from.</summary>
public sealed record UserEntry(uint Uid, uint Gid, string Name, string Home, string Shell);

/// <summary>A group of the machine (user-list block).</summary>
public sealed record GroupEntry(uint Gid, string Name);

/// <summary>The users and groups of one user-list block.</summary>
public sealed record UserList(IReadOnlyList<UserEntry> Users, IReadOnlyList<GroupEntry> Groups);
