using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators.Model
{
    /// <summary>A diagnostic to report, as equatable data: the descriptor is a static instance, the arguments are strings.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, ImmutableEquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            new DiagnosticInfo(descriptor, LocationInfo.From(location), arguments.ToImmutableEquatableArray());

        public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location?.ToLocation(), System.Linq.Enumerable.ToArray<object>(Arguments));
    }
}
