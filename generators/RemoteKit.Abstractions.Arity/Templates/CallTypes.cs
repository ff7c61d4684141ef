using static RemoteKit.Abstractions.Arity.Helpers.Template;

namespace RemoteKit.Abstractions.Arity.Templates
{
    /// <summary>
    /// <c>RemoteCalls.Call&lt;TResult, T1, ...&gt;</c>, 0 to 16 arguments: the call classes behind the factories, each writing its
    /// arguments with MemoryPack or, for a map chunk of unmanaged values, as columns.
    /// </summary>
    internal static class CallTypes
    {
        public const string HintName = "RemoteCalls.CallTypes.g.cs";

        public static string Source() => File($$"""
            using System.Buffers;
            using System.Runtime.CompilerServices;
            using MemoryPack;

            namespace RemoteKit;

            /// <summary>The call classes behind the factories, 0 to 16 arguments: each writes its arguments with MemoryPack, or as columns.</summary>
            public static partial class RemoteCalls
            {
                {{Members(0, Call)}}
            }
            """);

        private static string Call(int n) => n == 0
            ? Text($$"""
                private sealed class Call<TResult> : RemoteCall<TResult>
                {
                    public Call(RemoteMethodDescriptor method)
                        : base(method)
                    {
                    }

                    public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
                    {
                    }
                }
                """)
            : Text($$"""
                private sealed class Call<TResult, {{Join(n, i => $"T{i}")}}> : RemoteCall<TResult>
                {
                    private static readonly bool Unmanaged =
                        !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
                        {{Join(n, i => $"!RuntimeHelpers.IsReferenceOrContainsReferences<T{i}>()", " &&\n")}};

                    {{Lines(n, i => $"private readonly T{i} _a{i};")}}

                    public Call(RemoteMethodDescriptor method, {{Join(n, i => $"T{i} a{i}")}})
                        : base(method)
                    {
                        {{Lines(n, i => $"_a{i} = a{i};")}}
                    }

                    public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
                    {
                        {{Lines(n, i => $"writer.WriteValue(_a{i});")}}
                    }

                    internal override bool HasColumns => Unmanaged;

                    internal override void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls)
                    {
                        var columns = ColumnWriter.Begin(w, calls.Count, {{n}}, {{Join(n, i => $"Unsafe.SizeOf<T{i}>()", " + ")}});
                        {{Lines(n, i => $"var c{i} = columns.Next<T{i}>();")}}
                        for (var i = 0; i < calls.Count; i++)
                        {
                            var call = SameAsThis<Call<TResult, {{Join(n, i => $"T{i}")}}>>(calls, i);
                            {{Lines(n, i => $"c{i}[i] = call._a{i};")}}
                        }
                    }
                }
                """);
    }
}
