using static RemoteKit.Abstractions.Arity.Helpers.Template;

namespace RemoteKit.Abstractions.Arity.Templates
{
    /// <summary><c>RemoteCalls.Zip</c>, 1 to 16 arguments: the lazy zips a map makes its calls from.</summary>
    internal static class Zips
    {
        public const string HintName = "RemoteCalls.Zip.g.cs";

        public static string Source() => File($$"""
            namespace RemoteKit;

            /// <summary>The lazy zips a map over several argument sequences makes its calls from, 1 to 16 arguments.</summary>
            public static partial class RemoteCalls
            {
                {{Members(1, Zip)}}
            }
            """);

        private static string Zip(int n)
        {
            var parameters = $"{Join(n, i => $"IEnumerable<T{i}> s{i}")}, Func<{Join(n, i => $"T{i}")}, RemoteCall<TResult>> factory";
            return Text($$"""
                /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
                {{TypeParamDocs(n)}}
                /// <typeparam name="TResult">The result type.</typeparam>
                {{Lines(n, i => $"/// <param name=\"s{i}\">The values of argument {i}.</param>")}}
                /// <param name="factory">Makes the call for one set of arguments.</param>
                /// <returns>The calls.</returns>
                public static IEnumerable<RemoteCall<TResult>> Zip<{{Join(n, i => $"T{i}")}}, TResult>({{parameters}})
                {
                    {{Lines(n, i => $"ArgumentNullException.ThrowIfNull(s{i});")}}
                    ArgumentNullException.ThrowIfNull(factory);
                    return ZipIterator({{Join(n, i => $"s{i}")}}, factory);

                    static IEnumerable<RemoteCall<TResult>> ZipIterator({{parameters}})
                    {
                        {{Lines(n, i => $"using var e{i} = s{i}.GetEnumerator();")}}
                        while ({{Join(n, i => $"e{i}.MoveNext()", " && ")}})
                        {
                            yield return factory({{Join(n, i => $"e{i}.Current")}});
                        }
                    }
                }
                """);
        }
    }
}
