namespace RemoteKit.Generators.Model
{
    /// <summary>Where a [Remote] method parameter's value comes from on the engine.</summary>
    internal enum ParameterKind
    {
        /// <summary>Sent by the caller: a call argument.</summary>
        Argument,

        /// <summary>[Global]: read from the engine namespace.</summary>
        Global,

        /// <summary>Injected <c>RemoteKit.RemoteContext</c>.</summary>
        Context,

        /// <summary>Injected <c>System.Threading.CancellationToken</c>.</summary>
        CancellationToken,

        /// <summary>Injected <c>System.IProgress&lt;T&gt;</c>: its reports reach the caller while the task runs.</summary>
        Progress,
    }
}
