using Xunit;

namespace RemoteKit.Cli.Tests;

/// <summary>The CLI's launcher tests share the machine's resource managers (<see cref="ResourceManagers"/>): one at a time.</summary>
[CollectionDefinition(ResourceManagers.Collection)]
public sealed class ResourceManagersCollection
{
}
