using RemoteKit.Engine;

namespace RemoteKit.Unit.Tests.Engine;

/// <summary>What a script names and declares decides which namespace variables an Execute decodes and which it replaces.</summary>
public sealed class ScriptSourceTests
{
    [Fact]
    public void A_script_mentions_the_identifiers_it_uses_but_not_names_in_strings_or_comments()
    {
        var source = ScriptSource.Parse("var b = (int)Math.Pow(i, 5); // uses big? no\nvar s = \"big\"; var t = @total + Variables[\"x\"].GetHashCode();");
        Assert.True(source.Mentions("i"));
        Assert.True(source.Mentions("total"));
        Assert.True(source.Mentions("Variables"));
        Assert.False(source.Mentions("big"));
        Assert.False(source.Mentions("x"));
    }

    [Fact]
    public void A_script_declares_only_its_top_level_variables()
    {
        var source = ScriptSource.Parse("var b = 1; int c = 2, d = 3; if (b > 0) { var inner = 4; } void F() { var local = 5; }");
        Assert.True(source.Declares("b"));
        Assert.True(source.Declares("c"));
        Assert.True(source.Declares("d"));
        Assert.False(source.Declares("inner"));
        Assert.False(source.Declares("local"));
    }
}
