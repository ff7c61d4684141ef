namespace RemoteKit.Generators.Model
{
    /// <summary>The shape of a [Remote] method's return type.</summary>
    internal enum ResultKind
    {
        Void,
        Value,
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,

        /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: the items stream to the caller; the result type is the item type.</summary>
        AsyncStream,

        /// <summary><c>IEnumerable&lt;T&gt;</c>: the items stream to the caller; the result type is the item type.</summary>
        Stream,
    }

    internal static class ResultKindExtensions
    {
        /// <summary>Whether a call returns one value (a stream's items are not a result: see <see cref="IsStream"/>).</summary>
        public static bool HasResult(this ResultKind kind) =>
            kind == ResultKind.Value || kind == ResultKind.TaskOfT || kind == ResultKind.ValueTaskOfT;

        /// <summary>Whether the method returns a stream of items (<see cref="RemoteMethodSpec.ResultType"/> is the item type).</summary>
        public static bool IsStream(this ResultKind kind) => kind == ResultKind.AsyncStream || kind == ResultKind.Stream;
    }
}
