using System.Collections.Generic;
using System.Linq;
using RemoteKit.Generators.Helpers;

namespace RemoteKit.Generators
{
    public sealed partial class RemoteGenerator
    {
        internal static partial class Emitter
        {
            /// <summary>
            /// Only for the arities of lambdas, local functions and other non-[Remote] delegates that the compilation passes to
            /// views: generic view overloads of each such arity (a <c>Func</c> and an <c>Action</c> form), so that every such
            /// call binds whatever [Remote] methods the assembly has, and analyzer RK0006 says what is wrong instead of an
            /// overload error (CS1503, CS1660). They are never run: RK0006 is an error. They are part of the same partial class
            /// as the typed extensions, at a lower overload-resolution priority, so a [Remote] method group that one of those
            /// takes (with arguments it widens, say) never binds here.
            /// </summary>
            public static string EmitDelegateViewExtensions(string assemblySuffix, IEnumerable<int> arities)
            {
                var writer = new SourceWriter();
                writer.WriteRaw(Header);
                writer.WriteLine();
                writer.OpenBlock("namespace RemoteKit");
                writer.OpenBlock("internal static partial class " + ViewExtensionsName(assemblySuffix));
                const string Fail = " => throw new global::System.NotSupportedException(\"RK0006: only a [Remote] method group runs on engines.\");";
                const string Last = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never), global::System.Runtime.CompilerServices.OverloadResolutionPriority(-1)]";
                var first = true;
                foreach (var arity in arities.Where(a => a >= 0 && a <= MaxSharedArity))
                {
                    var types = Enumerable.Range(1, arity).Select(i => "T" + i).ToList();
                    var arguments = string.Concat(types.Select((t, i) => ", " + t + " a" + (i + 1)));
                    var sequences = string.Concat(types.Select((t, i) => ", global::System.Collections.Generic.IEnumerable<" + t + "> a" + (i + 1)));
                    var func = "global::System.Func<" + string.Concat(types.Select(t => t + ", ")) + "TResult>";
                    var action = arity == 0 ? "global::System.Action" : "global::System.Action<" + string.Join(", ", types) + ">";
                    var withResult = "<" + string.Concat(types.Select(t => t + ", ")) + "TResult>";
                    var withoutResult = arity == 0 ? "" : "<" + string.Join(", ", types) + ">";
                    foreach (var view in Views)
                    {
                        if (!first)
                        {
                            writer.WriteLine();
                        }

                        first = false;
                        var self = "(this " + view + " view, ";
                        var value = view == DirectView ? "TResult[]" : "TResult";
                        writer.WriteLine(Last + " public static global::RemoteKit.AsyncResult<" + value + "> ApplyAsync" + withResult + self + func + " method" + arguments + ", " + Token + ")" + Fail);
                        writer.WriteLine(Last + " public static " + value + " Apply" + withResult + self + func + " method" + arguments + ")" + Fail);
                        writer.WriteLine(Last + " public static global::RemoteKit.AsyncResult ApplyAsync" + withoutResult + self + action + " method" + arguments + ", " + Token + ")" + Fail);
                        writer.WriteLine(Last + " public static void Apply" + withoutResult + self + action + " method" + arguments + ")" + Fail);
                        writer.WriteLine(Last + " public static global::RemoteKit.AsyncStream<TResult> StreamAsync" + withResult + self + func + " method" + arguments + ", " + Token + ")" + Fail);
                        writer.WriteLine(Last + " public static global::RemoteKit.AsyncStream<object> StreamAsync" + withoutResult + self + action + " method" + arguments + ", " + Token + ")" + Fail);
                        if (arity > 0)
                        {
                            var options = view == LoadBalancedView ? ", int chunkSize = 1, bool ordered = true" : "";
                            writer.WriteLine(Last + " public static global::RemoteKit.AsyncMapResult<TResult> MapAsync" + withResult + self + func + " method" + sequences + options + ", " + Token + ")" + Fail);
                            writer.WriteLine(Last + " public static TResult[] Map" + withResult + self + func + " method" + sequences + options + ")" + Fail);
                        }
                        else if (view != LoadBalancedView)
                        {
                            writer.WriteLine(Last + " public static global::RemoteKit.AsyncResult ExecuteAsync" + withResult + self + func + " method, " + Token + ")" + Fail);
                            writer.WriteLine(Last + " public static void Execute" + withResult + self + func + " method)" + Fail);
                            writer.WriteLine(Last + " public static global::RemoteKit.AsyncResult ExecuteAsync" + self + action + " method, " + Token + ")" + Fail);
                            writer.WriteLine(Last + " public static void Execute" + self + action + " method)" + Fail);
                        }
                    }
                }

                writer.CloseBlock();
                writer.CloseBlock();
                return writer.ToString();
            }
        }
    }
}
