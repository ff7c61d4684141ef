using static RemoteKit.Abstractions.Arity.Helpers.Template;

namespace RemoteKit.Abstractions.Arity.Templates
{
    /// <summary>
    /// <c>RemoteInvocation.ReadArguments</c>, 1 to 16 arguments: a generated invoke method reads every argument with one call.
    /// </summary>
    internal static class ArgumentReaders
    {
        public const string HintName = "RemoteInvocation.Arguments.g.cs";

        public static string Source() => File($$"""
            using System.ComponentModel;

            namespace RemoteKit;

            /// <summary>Argument readers for generated invokers: one call reads every argument, in parameter order.</summary>
            public sealed partial class RemoteInvocation
            {
                {{Members(1, ReadArguments)}}
            }
            """);

        private static string ReadArguments(int n) => Text($$"""
            /// <summary>Reads the caller-supplied arguments.</summary>
            {{TypeParamDocs(n)}}
            {{Lines(n, i => $"/// <param name=\"a{i}\">Argument {i}.</param>")}}
            [EditorBrowsable(EditorBrowsableState.Never)]
            public void ReadArguments<{{Join(n, i => $"T{i}")}}>({{Join(n, i => $"out T{i} a{i}")}})
            {
                var reader = CreateArgumentReader();
                try
                {
                    {{Lines(n, i => $"a{i} = reader.ReadValue<T{i}>()!;")}}
                }
                finally
                {
                    reader.Dispose();
                }
            }
            """);
    }
}
