using System.Reflection;
using Microsoft.Extensions.Configuration;
using RemoteKit.Configuration;
using RemoteKit.Controller;
using RemoteKit.Controller.History;
using RemoteKit.Dashboard;
using RemoteKit.Engine;

namespace RemoteKit.Observability.Tests.Configuration;

/// <summary>
/// The keys the embedded Cluster and the CLI set for the processes they start are the keys the options bind: a renamed
/// property that a key still names would silently stop taking effect.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SettingKeysTests
{
    public static TheoryData<Type, Type> Mirrors => new()
    {
        { typeof(SettingKeys.Controller), typeof(ControllerOptions) },
        { typeof(SettingKeys.History), typeof(TaskHistoryOptions) },
        { typeof(SettingKeys.Dashboard), typeof(DashboardOptions) },
        { typeof(SettingKeys.Engine), typeof(EngineOptions) },
        { typeof(SettingKeys.ScriptServer), typeof(ScriptServerOptions) },
    };

    [Theory]
    [MemberData(nameof(Mirrors))]
    public void Every_key_names_a_property_of_its_options_under_their_section(Type keys, Type options)
    {
        var section = (string)options.GetField("Section")!.GetRawConstantValue()!;
        Assert.Equal(section, (string)keys.GetField("Section")!.GetRawConstantValue()!);
        var named = keys.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.Name != "Section").ToList();
        Assert.NotEmpty(named);
        Assert.All(named, field =>
        {
            var key = (string)field.GetRawConstantValue()!;
            Assert.Equal(section, ConfigurationPath.GetParentPath(key));
            Assert.Equal(field.Name, ConfigurationPath.GetSectionKey(key));
            Assert.NotNull(options.GetProperty(field.Name, BindingFlags.Public | BindingFlags.Instance));
        });
    }

    [Fact]
    public void A_key_set_the_way_the_cluster_sets_it_reaches_the_bound_options()
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine([SettingKeys.Argument(SettingKeys.Controller.EngineTaskLimit, "7"), SettingKeys.Argument(SettingKeys.Engine.Count, "3")])
            .Build();
        Assert.Equal(7, configuration.GetSection(ControllerOptions.Section).Get<ControllerOptions>()!.EngineTaskLimit);
        Assert.Equal(3, configuration.GetSection(EngineOptions.Section).Get<EngineOptions>()!.Count);
        Assert.Equal("REMOTEKIT__CONTROLLER__KEY", SettingKeys.EnvironmentVariable(SettingKeys.Controller.Key));
    }
}
