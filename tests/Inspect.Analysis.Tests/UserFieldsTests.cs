using Inspect.Analysis.Fields;

namespace Inspect.Analysis.Tests;

/// <summary>The user.* and group.* family.</summary>
public sealed class UserFieldsTests
{
    [Fact]
    public void Table_names_are_unique_and_described() => FamilyTable.AssertWellFormed(UserFields.Table, "user", "group");

    [Fact]
    public void Names_come_from_the_user_list()
    {
        Assert.Equal(["mstemm 501"], Captures.Lines("falco_open-multiple-files.scap", "%user.name %user.uid", "evt.num=1096"));
    }

    [Fact]
    public void A_uid_missing_from_the_user_list_suppresses_the_line_unless_the_format_starts_with_a_star()
    {
        Assert.Empty(Captures.Lines("falco_cat_write.scap", "%evt.num %user.name"));
        Assert.Equal("131 <NA>", Captures.Lines("falco_cat_write.scap", "*%evt.num %user.name")[0]);
    }
}
