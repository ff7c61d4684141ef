using Xunit;

namespace RemoteKit.Integration.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ExecuteTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    [Fact]
    public async Task A_script_sees_namespace_variables_by_name_and_type_and_its_new_variables_go_back()
    {
        var all = Client[..];
        all["base_value"] = 3;
        await all.ExecuteAsync("var cubed = (int)Math.Pow(base_value, 3); base_value += 1; var label = $\"{cubed}-{Context.EngineId}\";");
        Assert.Equal(Enumerable.Repeat(27, ClusterFixture.EngineCount), all.Pull<int>("cubed"));
        Assert.Equal(Enumerable.Repeat(4, ClusterFixture.EngineCount), all.Pull<int>("base_value"));
        Assert.Equal(Client.Ids.Select(id => $"27-{id}"), all.Pull<string>("label"));

        // Declaring a name that already exists replaces it, as assignment does in ipyparallel.
        await all.ExecuteAsync("var cubed = \"replaced\";");
        Assert.Equal(Enumerable.Repeat("replaced", ClusterFixture.EngineCount), all.Pull<string>("cubed"));
    }

    [Fact]
    public void A_script_that_does_not_compile_fails_with_the_compiler_messages_and_line_numbers()
    {
        var error = Assert.Throws<RemoteException>(() => Client[0].Execute("var ok = 1;\nvar broken = ok * \"text\";\nundefined_name();"));
        Assert.Equal("RemoteKit.Engine.ScriptCompilationException", error.RemoteType);
        Assert.Contains("(2,", error.Message);
        Assert.Contains("(3,", error.Message);
        Assert.Contains("CS0019", error.Message);
        Assert.Contains("CS0103", error.Message);
        Assert.Contains("undefined_name", error.Message);
    }

    [Fact]
    public async Task A_script_that_throws_fails_with_its_exception()
    {
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await Client[2].ExecuteAsync("throw new InvalidOperationException(\"from script\");"));
        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("from script", error.RemoteMessage);
        Assert.Equal(2, error.EngineId);
    }

    [Fact]
    public void Execute_runs_a_remote_method_for_its_effects()
    {
        var all = Client[..];
        all.Execute(Work.Setup);
        Assert.Equal(Client.Ids.Select(id => $"engine {id}"), all.Pull<string>("setup_by"));
    }
}
