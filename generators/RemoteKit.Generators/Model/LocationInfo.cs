using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RemoteKit.Generators.Model
{
    /// <summary>Where a diagnostic points, without holding a <see cref="SyntaxTree"/> (which would defeat caching).</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public static LocationInfo? From(Location? location) =>
            location is null || !location.IsInSource
                ? null
                : new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);

        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }
}
