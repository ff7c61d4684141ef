using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RemoteKit.Generators.Helpers;
using RemoteKit.Generators.Model;

namespace RemoteKit.Generators
{
    public sealed partial class RemoteGenerator
    {
        internal static partial class Emitter
        {
            /// <summary>The namespace that holds the interceptors; projects opt in to it with <c>InterceptorsNamespaces</c>.</summary>
            public const string InterceptorsNamespace = "RemoteKit.Generated";

            /// <summary>
            /// One interceptor per distinct (view, operation, method, argument count), carrying the locations of every call site
            /// that uses it: the site calls the method's own call factory, so no delegate is looked up at run time. Its signature
            /// is the extension's the site binds to.
            /// </summary>
            public static string? EmitInterceptors(AssemblySpec assembly, IEnumerable<CallSiteSpec> callSites)
            {
                var binders = BuildBinders(assembly).ToDictionary(b => b.Key);
                var methods = assembly.Methods.ToDictionary(m => m.Id);
                var groups = callSites
                    .GroupBy(c => (c.View, c.Operation, c.MethodId, c.ArgumentCount))
                    .OrderBy(g => g.Key.MethodId).ThenBy(g => g.Key.View, System.StringComparer.Ordinal)
                    .ThenBy(g => g.Key.Operation, System.StringComparer.Ordinal).ThenBy(g => g.Key.ArgumentCount)
                    .ToList();

                var writer = new SourceWriter();
                writer.WriteRaw(Header);
                writer.WriteLine();
                writer.OpenBlock("namespace System.Runtime.CompilerServices");
                writer.WriteLine("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
                writer.OpenBlock("file sealed class InterceptsLocationAttribute : global::System.Attribute");
                writer.OpenBlock("public InterceptsLocationAttribute(int version, string data)");
                writer.WriteLine("_ = version;");
                writer.WriteLine("_ = data;");
                writer.CloseBlock();
                writer.CloseBlock();
                writer.CloseBlock();
                writer.WriteLine();
                writer.OpenBlock("namespace " + InterceptorsNamespace);
                writer.WriteLine(EditorBrowsableNever);
                writer.OpenBlock("file static class RemoteInterceptors");
                var index = 0;
                foreach (var group in groups)
                {
                    var view = "global::RemoteKit." + group.Key.View;
                    if (!methods.TryGetValue(group.Key.MethodId, out var method) ||
                        !method.HasViewExtensions ||
                        !binders.TryGetValue(BinderKey(method, group.Key.ArgumentCount), out var binder) ||
                        !Operations(binder, view).Contains(group.Key.Operation))
                    {
                        continue;
                    }

                    writer.WriteLine();
                    if (binder.Oblivious)
                    {
                        writer.WriteRaw("#nullable disable annotations");
                    }

                    foreach (var site in group.OrderBy(s => s.LocationData, System.StringComparer.Ordinal))
                    {
                        writer.WriteLine(
                            "[global::System.Runtime.CompilerServices.InterceptsLocation(" + site.LocationVersion.ToString(CultureInfo.InvariantCulture) + ", " +
                            Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(site.LocationData, quote: true) + ")]");
                    }

                    WriteOperation(writer, binder, view, group.Key.Operation, group.Key.Operation + "_" + index++, "internal", method.RemoteClass + "." + method.Name, binder.Factory(method));
                    if (binder.Oblivious)
                    {
                        writer.WriteRaw("#nullable enable annotations");
                    }
                }

                writer.CloseBlock();
                writer.CloseBlock();
                return index == 0 ? null : writer.ToString();
            }
        }
    }
}
