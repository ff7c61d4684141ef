namespace RemoteKit.Generators.Model
{
    /// <summary>
    /// A call site <c>view.ApplyAsync(Work.M, ...)</c> bound at compile time: which view extension it calls (view, operation, the
    /// [Remote] method and how many call arguments it passes) and where it is, as <c>GetInterceptableLocation</c> encodes it.
    /// </summary>
    /// <param name="View">The view type: <c>EngineView</c>, <c>DirectView</c> or <c>LoadBalancedView</c>.</param>
    /// <param name="Operation">The extension: <c>Apply</c>, <c>ApplyAsync</c>, <c>Map</c>, <c>MapAsync</c>, <c>Execute</c> or <c>ExecuteAsync</c>.</param>
    /// <param name="MethodId">The [Remote] method's id.</param>
    /// <param name="ArgumentCount">How many call arguments the site passes (the rest take their defaults).</param>
    /// <param name="LocationVersion">The interceptable location's version.</param>
    /// <param name="LocationData">The interceptable location's data.</param>
    internal sealed record CallSiteSpec(string View, string Operation, ulong MethodId, int ArgumentCount, int LocationVersion, string LocationData);
}
