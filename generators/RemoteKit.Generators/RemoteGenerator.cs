using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RemoteKit.Generators.Helpers;
using RemoteKit.Generators.Model;

namespace RemoteKit.Generators
{
    /// <summary>
    /// Generates, for every static <c>[Remote]</c> method, a typed call factory (<c>Work.Remote.SlowPower(5)</c>), the call
    /// class that writes its arguments with MemoryPack, and the engine-side invoker; and per assembly the invoker
    /// provider and typed view extensions (<c>view.ApplyAsync(Work.SlowPower, 5)</c>).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class RemoteGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, asserted by incremental-caching tests.</summary>
        public static class TrackingNames
        {
            /// <summary>Each [Remote] method parsed into a spec and diagnostics.</summary>
            public const string Parsed = nameof(Parsed);

            /// <summary>The diagnostics of each method.</summary>
            public const string Diagnostics = nameof(Diagnostics);

            /// <summary>The spec of each valid method.</summary>
            public const string Methods = nameof(Methods);

            /// <summary>All valid methods, collected.</summary>
            public const string AllMethods = nameof(AllMethods);

            /// <summary>The assembly name as an identifier.</summary>
            public const string AssemblySuffix = nameof(AssemblySuffix);

            /// <summary>The assembly-wide spec.</summary>
            public const string Assembly = nameof(Assembly);

            /// <summary>The [Remote] methods and delegate arities the compilation's view calls name.</summary>
            public const string ViewUses = nameof(ViewUses);

            /// <summary>Call sites passing a [Remote] method group to a view.</summary>
            public const string CallSites = nameof(CallSites);

            /// <summary>Whether the project lets the generator's namespace hold interceptors.</summary>
            public const string InterceptorsEnabled = nameof(InterceptorsEnabled);

            /// <summary>Whether the project asked for public view extensions of every method (<c>RemoteKitPublicViewExtensions</c>).</summary>
            public const string PublicViewExtensions = nameof(PublicViewExtensions);

            /// <summary>Whether any [Remote] method was rejected with a diagnostic.</summary>
            public const string AnyRejected = nameof(AnyRejected);
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "RemoteKit.RemoteAttribute",
                    static (node, _) => node is MethodDeclarationSyntax,
                    Parser.Parse)
                .WithTrackingName(TrackingNames.Parsed);

            var diagnostics = parsed
                .Select(static (result, _) => result.Diagnostics)
                .WithTrackingName(TrackingNames.Diagnostics);
            context.RegisterSourceOutput(diagnostics, static (spc, items) =>
            {
                foreach (var item in items)
                {
                    spc.ReportDiagnostic(item.ToDiagnostic());
                }
            });

            var methods = parsed
                .Where(static result => result.Method is not null)
                .Select(static (result, _) => result.Method!)
                .WithTrackingName(TrackingNames.Methods);
            context.RegisterSourceOutput(methods, static (spc, method) =>
                spc.AddSource(Emitter.HintName(method), Emitter.EmitMethod(method)));

            var allMethods = methods
                .Collect()
                .Select(static (items, _) => items.OrderBy(m => m.Id).ToImmutableEquatableArray())
                .WithTrackingName(TrackingNames.AllMethods);
            var suffix = context.CompilationProvider
                .Select(static (compilation, _) => Identifiers.Sanitize(compilation.AssemblyName ?? "Assembly"))
                .WithTrackingName(TrackingNames.AssemblySuffix);
            var assembly = allMethods
                .Combine(suffix)
                .Select(static (pair, _) => new AssemblySpec(pair.Right, pair.Left))
                .WithTrackingName(TrackingNames.Assembly);
            // View calls: which [Remote] methods they pass (only those get view extensions, so a project's build does not grow
            // with signatures it never passes to a view) and the sites to intercept.
            var viewCalls = context.SyntaxProvider
                .CreateSyntaxProvider(CallSites.IsCandidate, CallSites.Parse)
                .Where(static call => call is not null)
                .Select(static (call, _) => call!);
            var uses = viewCalls
                .Collect()
                .Select(static (calls, _) => new ViewUses(
                    calls.SelectMany(c => c.Methods).Distinct().OrderBy(id => id).ToImmutableEquatableArray(),
                    calls.Where(c => c.AnyOfArity >= 0).Select(c => c.AnyOfArity).Distinct().OrderBy(a => a).ToImmutableEquatableArray()))
                .WithTrackingName(TrackingNames.ViewUses);
            // RemoteKitPublicViewExtensions=true (an MSBuild property made visible to the compiler, or a global analyzer config
            // option): public view extensions for every [Remote] method, for assemblies whose methods other assemblies pass to
            // views, such as the notebook kernel's cell assemblies.
            var publicForAll = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) =>
                    options.GlobalOptions.TryGetValue("build_property.RemoteKitPublicViewExtensions", out var value) &&
                    string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase))
                .WithTrackingName(TrackingNames.PublicViewExtensions);
            context.RegisterSourceOutput(assembly.Combine(uses).Combine(publicForAll), static (spc, pair) =>
            {
                var (methods, viewUses) = pair.Left;
                if (methods.Methods.Count == 0)
                {
                    return;
                }

                spc.AddSource("RemoteKit.RemoteMethodProvider.g.cs", Emitter.EmitProvider(methods));
                if (Emitter.EmitViewExtensions(methods, viewUses, pair.Right) is { } extensions)
                {
                    spc.AddSource("RemoteKit.ViewExtensions.g.cs", extensions);
                }
            });

            // A lambda or other non-[Remote] delegate of an arity no [Remote] method has would fail overload resolution before
            // RK0006 could say what is wrong: generic overloads of the arities such calls use take them.
            context.RegisterSourceOutput(uses.Combine(suffix), static (spc, pair) =>
            {
                if (pair.Left.Arities.Count > 0)
                {
                    spc.AddSource("RemoteKit.RejectedDelegates.g.cs", Emitter.EmitDelegateViewExtensions(pair.Right, pair.Left.Arities));
                }
            });

            // Interceptors need the project's opt-in (InterceptorsNamespaces, set by the package's build files); without it every
            // call site takes the run-time table, which is still one lookup.
            var interceptorsEnabled = context.ParseOptionsProvider
                .Select(static (options, _) => InterceptorsAllowed(options))
                .WithTrackingName(TrackingNames.InterceptorsEnabled);
            var callSites = viewCalls
                .Where(static call => call.Site is not null)
                .Select(static (call, _) => call.Site!)
                .Collect()
                .Select(static (sites, _) => sites.ToImmutableEquatableArray())
                .WithTrackingName(TrackingNames.CallSites);
            context.RegisterSourceOutput(assembly.Combine(callSites).Combine(interceptorsEnabled), static (spc, pair) =>
            {
                if (pair.Right && pair.Left.Left.Methods.Count > 0 && Emitter.EmitInterceptors(pair.Left.Left, pair.Left.Right) is { } source)
                {
                    spc.AddSource("RemoteKit.Interceptors.g.cs", source);
                }
            });

            // A rejected method gets no typed view extensions, so its calls would add CS1501 "No overload for method
            // 'ApplyAsync'" beside the RK error; catch-all overloads take those calls so that only the RK error shows.
            var anyRejected = parsed
                .Select(static (result, _) => result.Method is null)
                .Collect()
                .Select(static (items, _) => items.Contains(true))
                .WithTrackingName(TrackingNames.AnyRejected);
            context.RegisterSourceOutput(anyRejected.Combine(suffix), static (spc, pair) =>
            {
                if (pair.Left)
                {
                    spc.AddSource("RemoteKit.RejectedMethodViewExtensions.g.cs", Emitter.EmitRejectedMethodViewExtensions(pair.Right));
                }
            });
        }

        private static bool InterceptorsAllowed(Microsoft.CodeAnalysis.ParseOptions options)
        {
            foreach (var feature in new[] { "InterceptorsNamespaces", "InterceptorsPreviewNamespaces" })
            {
                if (options.Features.TryGetValue(feature, out var namespaces) &&
                    namespaces.Split(';').Any(n => n.Trim() == Emitter.InterceptorsNamespace))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
