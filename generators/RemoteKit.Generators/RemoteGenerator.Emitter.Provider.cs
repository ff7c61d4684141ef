using System.Linq;
using RemoteKit.Generators.Helpers;
using RemoteKit.Generators.Model;

namespace RemoteKit.Generators
{
    public sealed partial class RemoteGenerator
    {
        internal static partial class Emitter
        {
            public static string ProviderName(AssemblySpec assembly) => "RemoteMethodProvider_" + assembly.Suffix;

            /// <summary>The assembly's invoker provider, found by engines through the assembly attribute.</summary>
            public static string EmitProvider(AssemblySpec assembly)
            {
                var name = ProviderName(assembly);
                var writer = new SourceWriter();
                writer.WriteRaw(Header);
                writer.WriteLine();
                writer.WriteLine("[assembly: global::RemoteKit.RemoteMethodProviderAttribute(typeof(global::RemoteKit.Generated." + name + "))]");
                writer.WriteLine();
                writer.OpenBlock("namespace RemoteKit.Generated");
                writer.WriteLine("/// <summary>Creates the invokers of this assembly's [Remote] methods.</summary>");
                writer.WriteLine(EditorBrowsableNever);
                writer.OpenBlock("internal sealed class " + name + " : global::RemoteKit.IRemoteMethodProvider");
                writer.OpenBlock("public global::System.Collections.Generic.IReadOnlyList<global::RemoteKit.RemoteInvoker> CreateInvokers() => new global::RemoteKit.RemoteInvoker[]");
                foreach (var method in assembly.Methods)
                {
                    var columns = !method.IsColumnar ? ""
                        : method.IsVisibleInAssembly ? ", " + ColumnLoop(method)
                        : ", " + method.RemoteClass + "." + method.HelperName + "_Columns()";
                    var descriptor = method.RemoteClass + "." + method.HelperName;
                    if (UsesSharedInvoker(method))
                    {
                        var types = string.Join(", ", new[] { method.ResultType! }.Concat(method.Parameters.Select(p => p.Type)));
                        writer.WriteLine("global::RemoteKit.RemoteInvoker.FromFunc<" + types + ">(" + descriptor + ", " + method.ContainingType + "." + method.Name + columns + "),");
                    }
                    else
                    {
                        writer.WriteLine("global::RemoteKit.RemoteInvoker.Create(" + descriptor + ", " + descriptor + "_Invoke" + columns + "),");
                    }
                }

                writer.CloseBlock(";");
                writer.CloseBlock();
                writer.CloseBlock();
                return writer.ToString();
            }
        }
    }
}
