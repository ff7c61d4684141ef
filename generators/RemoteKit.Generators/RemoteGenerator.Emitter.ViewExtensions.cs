using System.Collections.Generic;
using System.Linq;
using RemoteKit.Generators.Helpers;
using RemoteKit.Generators.Model;

namespace RemoteKit.Generators
{
    public sealed partial class RemoteGenerator
    {
        internal static partial class Emitter
        {
            private const string EngineView = "global::RemoteKit.EngineView";
            private const string DirectView = "global::RemoteKit.DirectView";
            private const string LoadBalancedView = "global::RemoteKit.LoadBalancedView";
            private const string Token = "global::System.Threading.CancellationToken cancellationToken = default";
            private static readonly HashSet<string> ReservedNames = new HashSet<string> { "view", "method", "cancellationToken", "chunkSize", "ordered", "factory", "progress" };

            public static string ViewExtensionsName(AssemblySpec assembly) => ViewExtensionsName(assembly.Suffix);

            public static string ViewExtensionsName(string assemblySuffix) => "RemoteViewExtensions_" + assemblySuffix;

            /// <summary>The class of the public view extensions that <c>RemoteKitPublicViewExtensions</c> asks for.</summary>
            public static string PublicViewExtensionsName(AssemblySpec assembly) => "RemotePublicViewExtensions_" + assembly.Suffix;

            /// <summary>
            /// Typed view extensions taking a [Remote] method group. One binder per distinct (delegate type, call-argument
            /// prefix): it maps the delegate to the method's call factory by comparing it with each candidate's cached delegate,
            /// so methods sharing a delegate type (SlowPower and PowerOfGlobal) share one extension signature. Only binders that
            /// hold a method some view call names are emitted; null when there is none.
            /// </summary>
            /// <param name="assembly">The assembly's methods.</param>
            /// <param name="uses">What the assembly's own view calls name.</param>
            /// <param name="publicForAll">
            /// The <c>RemoteKitPublicViewExtensions</c> option: every method whose signature is public gets public extensions,
            /// named or not, so other assemblies (notebook cells compiled apart from the code that declares the methods) can pass
            /// them to views; methods with a non-public signature keep internal extensions when the assembly's own calls name them.
            /// </param>
            public static string? EmitViewExtensions(AssemblySpec assembly, ViewUses uses, bool publicForAll = false)
            {
                var named = new HashSet<ulong>(uses.Methods);
                bool Used(RemoteMethodSpec m) => named.Contains(m.Id) || uses.Arities.Contains(m.Parameters.Count);
                var writer = new SourceWriter();
                writer.WriteRaw(Header);
                writer.WriteLine();
                writer.OpenBlock("namespace RemoteKit");
                var any = false;
                if (publicForAll)
                {
                    any |= WriteExtensionsClass(writer, "public", PublicViewExtensionsName(assembly), BuildBinders(assembly, m => m.HasPublicSignature));
                    any |= WriteExtensionsClass(
                        writer, "internal", ViewExtensionsName(assembly), BuildBinders(assembly, m => !m.HasPublicSignature).Where(b => b.Methods.Any(Used)).ToList());
                }
                else
                {
                    any |= WriteExtensionsClass(writer, "internal", ViewExtensionsName(assembly), BuildBinders(assembly).Where(b => b.Methods.Any(Used)).ToList());
                }

                writer.CloseBlock();
                return any ? writer.ToString() : null;
            }

            private static bool WriteExtensionsClass(SourceWriter writer, string accessibility, string name, List<Binder> binders)
            {
                if (binders.Count == 0)
                {
                    return false;
                }

                writer.WriteLine("/// <summary>Runs this assembly's [Remote] methods through views: <c>view.ApplyAsync(Work.SlowPower, 5)</c>.</summary>");
                writer.OpenBlock(accessibility + " static partial class " + name);
                var first = true;
                foreach (var binder in binders)
                {
                    if (!first)
                    {
                        writer.WriteLine();
                    }

                    first = false;
                    if (binder.Oblivious)
                    {
                        // Candidates disagree only in nullable annotations: take the delegate unannotated so each converts without warnings.
                        writer.WriteRaw("#nullable disable annotations");
                    }

                    WriteBinder(writer, binder);
                    WriteExtensions(writer, binder);
                    if (binder.Oblivious)
                    {
                        writer.WriteRaw("#nullable enable annotations");
                    }
                }

                writer.CloseBlock();
                return true;
            }

            /// <summary>Methods share an extension signature when their delegate types and passed arguments agree as CLR types.</summary>
            private static string BinderKey(RemoteMethodSpec method, int count) =>
                DelegateType(method, annotated: false) + "|" + string.Join(",", CallArguments(method).Take(count).Select(p => p.TypeKey));

            private static List<Binder> BuildBinders(AssemblySpec assembly, System.Func<RemoteMethodSpec, bool>? include = null)
            {
                var binders = new List<Binder>();
                var byKey = new Dictionary<string, Binder>();
                foreach (var method in assembly.Methods)
                {
                    if (!method.HasViewExtensions || (include is not null && !include(method)))
                    {
                        continue;
                    }

                    var args = CallArguments(method);
                    for (var count = RequiredCount(method); count <= args.Count; count++)
                    {
                        var prefix = args.Take(count).ToList();
                        var key = BinderKey(method, count);
                        var signature = DelegateType(method, annotated: true) + "|" + string.Join(",", prefix.Select(p => p.Type));
                        if (!byKey.TryGetValue(key, out var binder))
                        {
                            binder = new Binder(binders.Count, method, prefix, signature);
                            byKey.Add(key, binder);
                            binders.Add(binder);
                        }
                        else
                        {
                            binder.Methods.Add(method);
                            binder.Oblivious |= binder.Signature != signature;
                        }
                    }
                }

                return binders;
            }

            /// <summary>
            /// The run-time path, for a call site the compiler did not bind to an interceptor (a delegate held in a variable): a
            /// table from each candidate method to its call factory, filled on first use, so a lookup costs the same however many
            /// methods share the signature.
            /// </summary>
            private static void WriteBinder(SourceWriter writer, Binder binder)
            {
                var table = "global::RemoteKit.RemoteMethodTable<" + binder.DelegateType + ", " + binder.FactoryType + ">";
                writer.WriteLine("private static " + table + (binder.Oblivious ? "" : "?") + " __table" + binder.Index + ";");
                writer.WriteLine();
                writer.WriteLine("private static " + binder.FactoryType + " __Bind" + binder.Index + "(" + binder.DelegateType + " method) =>");
                writer.Indentation++;
                writer.OpenBlock(table + ".Bind(ref __table" + binder.Index + ", static table =>");
                foreach (var method in binder.Methods)
                {
                    writer.WriteLine("table.Add(" + MethodGroup(method) + ", " + binder.Factory(method) + ");");
                }

                writer.CloseBlock(", method);");
                writer.Indentation--;
            }

            private static void WriteExtensions(SourceWriter writer, Binder binder)
            {
                foreach (var view in Views)
                {
                    foreach (var operation in Operations(binder, view))
                    {
                        writer.WriteLine();
                        WriteOperation(writer, binder, view, operation, operation, "public", "__Bind" + binder.Index + "(method)", "__Bind" + binder.Index + "(method)");
                    }

                    foreach (var operation in MismatchedOperations(binder, view))
                    {
                        writer.WriteLine();
                        WriteMismatched(writer, binder, view, operation);
                    }

                    if (view != DirectView && !binder.IsStream && binder.Arguments.Count > 0)
                    {
                        foreach (var operation in new[] { "ApplyAsync", "Apply" })
                        {
                            writer.WriteLine();
                            WriteWithResults(writer, binder, view, operation, "__Bind" + binder.Index + "(method)");
                        }
                    }
                }
            }

            /// <summary>
            /// The form of ApplyAsync / Apply whose arguments may be other tasks' results (<c>RemoteArg&lt;T&gt;</c> converts from a
            /// <c>T</c>, an <c>AsyncResult&lt;T&gt;</c> or a <c>RemoteRef&lt;T&gt;</c>), so a result of the wrong type is a compile-time
            /// error. Overload resolution prefers the plain form whenever every argument is a value.
            /// </summary>
            private static void WriteWithResults(SourceWriter writer, Binder binder, string view, string operation, string call)
            {
                var isAsync = operation == "ApplyAsync";
                var args = string.Concat(binder.Arguments.Select((a, i) => ", global::RemoteKit.RemoteArg<" + binder.TypeOf(a) + "> " + binder.Names[i]));
                var placeholders = string.Join(", ", binder.Names.Select(n => n + ".Placeholder"));
                var names = string.Join(", ", binder.Names);
                var progress = binder.ProgressType is { } p ? ", global::System.IProgress<" + p + ">? progress = null" : "";
                var withProgress = binder.ProgressType is null ? "" : ".WithProgress(progress)";
                var returnType = !binder.HasResult
                    ? (isAsync ? "global::RemoteKit.AsyncResult" : "void")
                    : (isAsync ? "global::RemoteKit.AsyncResult<" + binder.ResultType + ">" : binder.ResultType!);
                writer.WriteLine(
                    "public static " + returnType + " " + operation + "(this " + view + " view, " + binder.DelegateType + " method" + args + progress + (isAsync ? ", " + Token : "") + ") =>");
                writer.WriteLine(
                    "    view." + operation + "(global::RemoteKit.RemoteArgs.Bind(" + call + "(" + placeholders + "), " + names + ")" + withProgress + (isAsync ? ", cancellationToken" : "") + ");");
            }

            private static readonly string[] Views = { EngineView, LoadBalancedView, DirectView };

            /// <summary>The view methods a binder has on <paramref name="view"/>.</summary>
            private static IEnumerable<string> Operations(Binder binder, string view)
            {
                if (binder.IsStream)
                {
                    // One engine's items in the order yielded: a direct view of several engines has no one order to give them in.
                    if (view != DirectView)
                    {
                        yield return "StreamAsync";
                    }

                    yield break;
                }

                yield return "ApplyAsync";
                yield return "Apply";
                if (binder.HasResult && binder.Arguments.Count > 0)
                {
                    yield return "MapAsync";
                    yield return "Map";
                }

                if (binder.Arguments.Count == 0 && view != LoadBalancedView)
                {
                    yield return "ExecuteAsync";
                    yield return "Execute";
                }
            }

            /// <summary>
            /// The view methods that would take the binder's delegate but cannot run it: a stream through an operation that returns
            /// one value (or through a direct view), or a method that returns no stream through <c>StreamAsync</c>. They bind, so
            /// the analyzer's RK0009 says what to do instead of an overload error; they are never run.
            /// </summary>
            private static IEnumerable<string> MismatchedOperations(Binder binder, string view)
            {
                if (!binder.IsStream)
                {
                    yield return "StreamAsync";
                    yield break;
                }

                yield return "ApplyAsync";
                yield return "Apply";
                if (binder.Arguments.Count > 0)
                {
                    yield return "MapAsync";
                    yield return "Map";
                }
                else if (view != LoadBalancedView)
                {
                    yield return "ExecuteAsync";
                    yield return "Execute";
                }

                if (view == DirectView)
                {
                    yield return "StreamAsync";
                }
            }

            private static void WriteMismatched(SourceWriter writer, Binder binder, string view, string operation)
            {
                var isAsync = operation.EndsWith("Async", System.StringComparison.Ordinal);
                var isMap = operation.StartsWith("Map", System.StringComparison.Ordinal);
                var value = binder.IsStream ? binder.DeclaredReturnType : binder.HasResult ? binder.ResultType! : "object";
                var returnType = operation switch
                {
                    "StreamAsync" => "global::RemoteKit.AsyncStream<" + value + ">",
                    "MapAsync" => "global::RemoteKit.AsyncMapResult<" + value + ">",
                    "Map" => value + "[]",
                    "ExecuteAsync" => "global::RemoteKit.AsyncResult",
                    "Execute" => "void",
                    _ => view == DirectView ? (isAsync ? "global::RemoteKit.AsyncResult<" + value + "[]>" : value + "[]") : (isAsync ? "global::RemoteKit.AsyncResult<" + value + ">" : value),
                };
                var args = string.Concat(binder.Arguments.Select((a, i) => ", " + (isMap ? "global::System.Collections.Generic.IEnumerable<" + binder.TypeOf(a) + ">" : binder.TypeOf(a)) + " " + binder.Names[i]));
                var options = isMap && view == LoadBalancedView ? ", int chunkSize = 1, bool ordered = true" : "";
                var progress = !isMap && binder.ProgressType is { } p ? ", global::System.IProgress<" + p + ">? progress = null" : "";
                writer.WriteLine(EditorBrowsableNever);
                writer.WriteLine(
                    "public static " + returnType + " " + operation + "(this " + view + " view, " + binder.DelegateType + " method" + args + options + progress + (isAsync ? ", " + Token : "") + ")" +
                    " => throw new global::System.NotSupportedException(\"RK0009: this [Remote] method cannot run through " + operation + " on this view.\");");
            }

            /// <summary>
            /// One view method taking a method group: the extension (whose <paramref name="factory"/> looks the delegate up) or an
            /// interceptor with the same signature (which calls the method's own factory). <paramref name="call"/> is what the
            /// arguments are applied to, to make one call; <paramref name="factory"/> the delegate a map zips the sequences into.
            /// </summary>
            private static void WriteOperation(SourceWriter writer, Binder binder, string view, string operation, string name, string modifiers, string call, string factory)
            {
                var direct = view == DirectView;
                var balanced = view == LoadBalancedView;
                var isAsync = operation.EndsWith("Async", System.StringComparison.Ordinal);
                var r = binder.ResultType;
                var self = "this " + view + " view, " + binder.DelegateType + " method";
                var token = isAsync ? ", " + Token : "";
                var tokenArgument = isAsync ? ", cancellationToken" : "";
                var names = string.Join(", ", binder.Names);
                if (operation.StartsWith("Map", System.StringComparison.Ordinal))
                {
                    var sequences = string.Concat(binder.Arguments.Select((a, i) => ", global::System.Collections.Generic.IEnumerable<" + binder.TypeOf(a) + "> " + binder.Names[i]));
                    var options = balanced ? ", int chunkSize = 1, bool ordered = true" : "";
                    var optionArgs = balanced ? ", chunkSize, ordered" : "";
                    var result = isAsync ? "global::RemoteKit.AsyncMapResult<" + r + ">" : r + "[]";
                    writer.WriteLine(modifiers + " static " + result + " " + name + "(" + self + sequences + options + token + ") =>");
                    // One to four sequences: ZipOne, so a direct map can send the input's arrays as columns without call objects.
                    var zip = binder.Arguments.Count <= 4 ? "ZipOne" : "Zip";
                    writer.WriteLine("    view." + operation + "(global::RemoteKit.RemoteCalls." + zip + "(" + names + ", " + factory + ")" + optionArgs + tokenArgument + ");");
                    return;
                }

                var args = string.Concat(binder.Arguments.Select((a, i) => ", " + binder.TypeOf(a) + " " + binder.Names[i]));
                var progress = binder.ProgressType is { } p ? ", global::System.IProgress<" + p + ">? progress = null" : "";
                var withProgress = binder.ProgressType is null ? "" : ".WithProgress(progress)";
                if (operation == "StreamAsync")
                {
                    writer.WriteLine(modifiers + " static global::RemoteKit.AsyncStream<" + r + "> " + name + "(" + self + args + progress + token + ") =>");
                    writer.WriteLine("    view.StreamAsync(" + call + "(" + names + ")" + withProgress + ", null, cancellationToken);");
                    return;
                }

                string returnType;
                if (operation.StartsWith("Execute", System.StringComparison.Ordinal) || !binder.HasResult)
                {
                    returnType = isAsync ? "global::RemoteKit.AsyncResult" : "void";
                }
                else
                {
                    var value = r + (direct ? "[]" : "");
                    returnType = isAsync ? "global::RemoteKit.AsyncResult<" + value + ">" : value;
                }

                writer.WriteLine(modifiers + " static " + returnType + " " + name + "(" + self + args + progress + token + ") =>");
                writer.WriteLine("    view." + operation + "(" + call + "(" + names + ")" + withProgress + tokenArgument + ");");
            }

            /// <summary>One distinct extension signature and the [Remote] methods it can bind to.</summary>
            private sealed class Binder
            {
                private readonly RemoteMethodSpec _first;

                public string Key => BinderKey(_first, Arguments.Count);

                public Binder(int index, RemoteMethodSpec first, List<ParameterSpec> arguments, string signature)
                {
                    Index = index;
                    _first = first;
                    Arguments = arguments;
                    Signature = signature;
                    Methods.Add(first);
                    Names = arguments.Select(a => ReservedNames.Contains(a.Name.TrimStart('@')) ? a.Name.TrimStart('@') + "Value" : a.Name).ToList();
                }

                public int Index { get; }

                public string Signature { get; }

                public bool Oblivious { get; set; }

                public List<RemoteMethodSpec> Methods { get; } = new List<RemoteMethodSpec>();

                public List<ParameterSpec> Arguments { get; }

                public List<string> Names { get; }

                public bool HasResult => _first.ResultKind.HasResult();

                /// <summary>Whether the binder's methods return a stream (<see cref="ResultType"/> is then the item type).</summary>
                public bool IsStream => _first.ResultKind.IsStream();

                /// <summary>The <c>T</c> of the methods' <c>IProgress&lt;T&gt;</c> parameter, or null when they take none.</summary>
                public string? ProgressType => Oblivious ? _first.ProgressTypeKey : _first.ProgressType;

                /// <summary>The declared return type (<c>IAsyncEnumerable&lt;T&gt;</c> for a stream).</summary>
                public string DeclaredReturnType => Oblivious ? _first.ReturnTypeKey : _first.ReturnType;

                public string? ResultType => Oblivious ? _first.ResultTypeKey : _first.ResultType;

                public string TypeOf(ParameterSpec argument) => Oblivious ? argument.TypeKey : argument.Type;

                public string DelegateType => Emitter.DelegateType(_first, annotated: !Oblivious);

                public string CallType => IsStream ? "global::RemoteKit.RemoteStreamCall<" + ResultType + ">"
                    : HasResult ? "global::RemoteKit.RemoteCall<" + ResultType + ">" : "global::RemoteKit.RemoteCall";

                public string FactoryType =>
                    "global::System.Func<" + string.Concat(Arguments.Select(a => TypeOf(a) + ", ")) + CallType + ">";

                /// <summary>The call factory of <paramref name="method"/> taking this binder's arguments: the method group itself
                /// when every argument is passed, otherwise a lambda so that the factory fills in the defaults.</summary>
                public string Factory(RemoteMethodSpec method)
                {
                    var factory = method.RemoteClass + "." + method.Name;
                    if (Arguments.Count == CallArguments(method).Count)
                    {
                        return factory;
                    }

                    var parameters = "(" + string.Join(", ", Arguments.Select((_, i) => "__a" + i)) + ")";
                    return "static " + parameters + " => " + factory + parameters;
                }
            }
        }
    }
}
