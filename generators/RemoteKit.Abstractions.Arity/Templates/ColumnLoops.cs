using static RemoteKit.Abstractions.Arity.Helpers.Template;

namespace RemoteKit.Abstractions.Arity.Templates
{
    /// <summary>
    /// <c>RemoteColumns.Loop1</c> to <c>Loop16</c>: the column loops that call a method once per item of a map chunk, straight
    /// from the argument columns into the result column.
    /// </summary>
    internal static class ColumnLoops
    {
        public const string HintName = "RemoteColumns.Loops.g.cs";

        public static string Source() => File($$"""
            using System.Runtime.CompilerServices;

            namespace RemoteKit;

            /// <summary>The column loops behind <see cref="RemoteColumns"/>'s factories, 1 to 16 arguments.</summary>
            public static partial class RemoteColumns
            {
                {{Members(1, Loop)}}
            }
            """);

        private static string Loop(int n) => Text($$"""
            private sealed class Loop{{n}}<TResult, {{Join(n, i => $"T{i}")}}>(Func<{{Join(n, i => $"T{i}")}}, TResult> method) : RemoteColumnLoop({{n}}, Unsafe.SizeOf<TResult>())
                where TResult : unmanaged
                {{Lines(n, i => $"where T{i} : unmanaged")}}
            {
                internal override void Run(ref ColumnChunk chunk)
                {
                    {{Lines(n, i => $"var a{i} = chunk.Argument<T{i}>({i - 1});")}}
                    var results = chunk.Results<TResult>();
                    var cancellation = chunk.CancellationToken;
                    for (var i = 0; i < results.Length; i++)
                    {
                        try
                        {
                            for (; i < results.Length; i++)
                            {
                                cancellation.ThrowIfCancellationRequested();
                                results[i] = method({{Join(n, i => $"a{i}[i]")}});
                            }
                        }
                        catch (Exception e) when (chunk.Catches(e))
                        {
                            results[i] = default;
                            chunk.Fail(i, e);
                        }
                    }
                }
            }
            """);
    }
}
