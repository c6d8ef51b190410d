using Inspect.Analysis.Events;

namespace Inspect.Analysis.Fields;

/// <summary>The <c>user.*</c> and <c>group.*</c> family: who runs the process, resolved through the capture's user list.</summary>
public static class UserFields
{
    /// <summary>Every <c>user.*</c> and <c>group.*</c> field: name, type, print format, description and extraction.</summary>
    public static IReadOnlyList<FieldDefinition> Table { get; } =
    [
        new("user.uid", FieldType.UInt32, FieldFormat.Id, "user id",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of((long)t.Uid) : FieldValue.Null),
        new("user.name", FieldType.CharBuf, FieldFormat.NotApplicable, "user name (none when the capture's user list lacks the uid)",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? c.Engine.FindUser(t.Uid)?.Name : null)),
        new("user.homedir", FieldType.CharBuf, FieldFormat.NotApplicable, "home directory of the user",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? c.Engine.FindUser(t.Uid)?.Home : null)),
        new("user.shell", FieldType.CharBuf, FieldFormat.NotApplicable, "shell of the user",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? c.Engine.FindUser(t.Uid)?.Shell : null)),
        new("user.loginuid", FieldType.Int32, FieldFormat.Id, "audit login user id (-1 when unset)",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of((long)(int)t.LoginUid) : FieldValue.Null),
        new("user.loginname", FieldType.CharBuf, FieldFormat.NotApplicable, "audit login user name",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? c.Engine.FindUser(t.LoginUid)?.Name : null)),
        new("group.gid", FieldType.UInt64, FieldFormat.Id, "group id",
            // sysdig 0.29 reads this 32-bit id as 64 bits: the high half is the low half of the thread's child count.
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.Gid | ((ulong)(uint)t.ChildThreads << 32)) : FieldValue.Null),
        new("group.name", FieldType.CharBuf, FieldFormat.NotApplicable, "group name",
            static (ref EventContext c) => FieldValue.Of(c.Thread is { } t ? c.Engine.FindGroup(t.Gid)?.Name : null)),
    ];
}
