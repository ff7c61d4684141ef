namespace RemoteKit.Generators.Model
{
    /// <summary>Everything the emitter needs to know about one valid [Remote] method; holds no Roslyn symbols.</summary>
    internal sealed record RemoteMethodSpec
    {
        /// <summary>The namespace, or empty for the global namespace.</summary>
        public string Namespace { get; init; } = "";

        /// <summary>The enclosing types, outermost first.</summary>
        public ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes { get; init; } = ImmutableEquatableArray<ContainingTypeSpec>.Empty;

        /// <summary>The innermost enclosing type, fully qualified (<c>global::Work</c>).</summary>
        public string ContainingType { get; init; } = "";

        /// <summary>The method name as written in C#.</summary>
        public string Name { get; init; } = "";

        /// <summary>The stable id (see <see cref="MethodIdentity"/>).</summary>
        public ulong Id { get; init; }

        /// <summary>The display name, e.g. <c>Work.SlowPower(long, int)</c>.</summary>
        public string DisplayName { get; init; } = "";

        /// <summary>The declared return type, fully qualified and annotated (<c>void</c> included).</summary>
        public string ReturnType { get; init; } = "";

        /// <summary>The declared return type without nullable annotations.</summary>
        public string ReturnTypeKey { get; init; } = "";

        /// <summary>The result type sent back (the awaited type for async methods), or <see langword="null"/> when none.</summary>
        public string? ResultType { get; init; }

        /// <summary>The result type without nullable annotations.</summary>
        public string? ResultTypeKey { get; init; }

        /// <summary>The shape of the return type.</summary>
        public ResultKind ResultKind { get; init; }

        /// <summary>All parameters in declaration order.</summary>
        public ImmutableEquatableArray<ParameterSpec> Parameters { get; init; } = ImmutableEquatableArray<ParameterSpec>.Empty;

        /// <summary>Whether the call factory can be <c>public</c> (method and every type in its signature public).</summary>
        public bool IsPublic { get; init; }

        /// <summary>
        /// Whether the method's delegate type can appear in a public signature: its containing types, every parameter type and
        /// the return type are public, so a public view extension can take it (see <c>RemoteKitPublicViewExtensions</c>).
        /// </summary>
        public bool HasPublicSignature { get; init; }

        /// <summary>Whether code elsewhere in the assembly can name the method (not private or protected).</summary>
        public bool IsVisibleInAssembly { get; init; }

        /// <summary>Whether typed view extensions can take the method as a delegate (at most 16 parameters for <c>Func</c>/<c>Action</c>).</summary>
        public bool HasViewExtensions { get; init; }

        /// <summary>
        /// Whether map chunks can run as columns: a synchronous method with a result, 1 to 16 parameters, all caller-supplied,
        /// and every parameter type and the result unmanaged.
        /// </summary>
        public bool IsColumnar { get; init; }

        /// <summary>The <c>T</c> of the method's injected <c>IProgress&lt;T&gt;</c> parameter, annotated, or null when it has none.</summary>
        public string? ProgressType { get; init; }

        /// <summary>The <see cref="ProgressType"/> without nullable annotations (what <c>typeof</c> takes).</summary>
        public string? ProgressTypeKey { get; init; }

        /// <summary>The name of the nested helper class holding the descriptor, call and invoker; unique per overload.</summary>
        public string HelperName => "__" + Name.TrimStart('@') + "_" + Id.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The fully qualified nested <c>Remote</c> class.</summary>
        public string RemoteClass => ContainingType + ".Remote";
    }
}
