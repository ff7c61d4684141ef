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
    }

    internal static class ResultKindExtensions
    {
        public static bool HasResult(this ResultKind kind) =>
            kind == ResultKind.Value || kind == ResultKind.TaskOfT || kind == ResultKind.ValueTaskOfT;
    }
}
