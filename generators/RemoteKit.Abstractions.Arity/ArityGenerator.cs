using Microsoft.CodeAnalysis;
using RemoteKit.Abstractions.Arity.Templates;

namespace RemoteKit.Abstractions.Arity
{
    /// <summary>
    /// Writes RemoteKit.Abstractions' arity families (call classes and factories, zips, column loops and their factories,
    /// argument readers, function invokers) from one template each under <c>Templates/</c>. The output depends on nothing in
    /// the compilation, so it is written once, at initialization, and never rewritten as the project is edited.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ArityGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterPostInitializationOutput(static output =>
            {
                output.AddSource(CallTypes.HintName, CallTypes.Source());
                output.AddSource(CallFactories.HintName, CallFactories.Source());
                output.AddSource(Zips.HintName, Zips.Source());
                output.AddSource(ColumnLoops.HintName, ColumnLoops.Source());
                output.AddSource(ColumnLoopFactories.HintName, ColumnLoopFactories.Source());
                output.AddSource(ArgumentReaders.HintName, ArgumentReaders.Source());
                output.AddSource(FunctionInvokers.HintName, FunctionInvokers.Source());
            });
    }
}
