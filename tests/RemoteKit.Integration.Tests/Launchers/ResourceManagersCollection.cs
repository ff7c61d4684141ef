using Xunit;

namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>The launcher tests share the machine's resource managers (<see cref="ResourceManagers"/>): one at a time.</summary>
[CollectionDefinition(ResourceManagers.Collection)]
public sealed class ResourceManagersCollection
{
}
