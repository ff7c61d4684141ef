using RemoteKit.Generators.Helpers;

namespace RemoteKit.Generators
{
    public sealed partial class RemoteGenerator
    {
        internal static partial class Emitter
        {
            /// <summary>
            /// Only while a [Remote] method is rejected (the build fails with its RK error anyway): view overloads taking any
            /// method group and arguments, typed <c>dynamic</c>, so a call to the rejected method compiles without a second,
            /// misleading error (CS1501 on ApplyAsync). They are never run.
            /// </summary>
            public static string EmitRejectedMethodViewExtensions(string assemblySuffix)
            {
                var writer = new SourceWriter();
                writer.WriteRaw(Header);
                writer.WriteLine();
                writer.OpenBlock("namespace RemoteKit");
                writer.WriteLine("/// <summary>Takes calls to rejected [Remote] methods so that only their RK error is reported.</summary>");
                writer.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
                writer.OpenBlock("internal static class RemoteRejectedMethodViewExtensions_" + assemblySuffix);
                const string Fail = " => throw new global::System.NotSupportedException(\"This [Remote] method was rejected by the RemoteKit generator; see its RK error.\");";
                const string Parameters = " method, params object?[] arguments";
                var first = true;
                foreach (var view in new[] { EngineView, LoadBalancedView, DirectView })
                {
                    if (!first)
                    {
                        writer.WriteLine();
                    }

                    first = false;
                    var self = "this " + view + " view, global::System.Delegate";
                    writer.WriteLine("public static global::RemoteKit.AsyncResult<dynamic> ApplyAsync(" + self + Parameters + ")" + Fail);
                    writer.WriteLine("public static dynamic Apply(" + self + Parameters + ")" + Fail);
                    writer.WriteLine("public static global::RemoteKit.AsyncMapResult<dynamic> MapAsync(" + self + Parameters + ")" + Fail);
                    writer.WriteLine("public static dynamic[] Map(" + self + Parameters + ")" + Fail);
                    writer.WriteLine("public static global::RemoteKit.AsyncStream<dynamic> StreamAsync(" + self + Parameters + ")" + Fail);
                    if (view != LoadBalancedView)
                    {
                        writer.WriteLine("public static global::RemoteKit.AsyncResult ExecuteAsync(" + self + Parameters + ")" + Fail);
                        writer.WriteLine("public static void Execute(" + self + Parameters + ")" + Fail);
                    }
                }

                writer.CloseBlock();
                writer.CloseBlock();
                return writer.ToString();
            }
        }
    }
}
