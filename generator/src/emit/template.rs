//! Rust templates: the one way the emitter writes per-API Rust.
//!
//! A template is Rust written as it is emitted, parsed once per thread, with typed holes that
//! each use fills. [`template!`] declares one as a function whose parameters are its holes:
//!
//! ```text
//! template! {
//!     /// `impl Display` of a string enum.
//!     fn enum_display(Name: Ident) -> syn::ItemImpl {
//!         impl ::std::fmt::Display for __Name {
//!             fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
//!                 f.write_str(self.as_str())
//!             }
//!         }
//!     }
//! }
//! ```
//!
//! A hole is an identifier `__` + the parameter's name, written where Rust syntax allows a name.
//! The parameter's kind says what fills it, so the compiler checks every use; where the hole
//! stands says what it replaces:
//!
//! | kind | written as | replaced by |
//! | --- | --- | --- |
//! | `Ident` | `__Name`, anywhere a name goes | the identifier |
//! | `Type` | `__T`, as a whole type | the type |
//! | `Expr` | `__value`, as a whole expression | the expression |
//! | `Pat` | `__pat`, as a whole pattern | the pattern |
//! | `Attrs` | `#[__docs]` | the attributes |
//! | `Fields` | a field `__fields: ()` | the fields |
//! | `Variants` | a unit variant `__variants` | the variants |
//! | `Stmts` | a statement `__stmts;` | the statements |
//! | `Items` | an item `__items! {}` of a file | the items |
//! | `ImplItems` | an item `__methods! {}` of an `impl` | the items |
//! | `Arms` | an arm `__arms => {}` | the arms |
//! | `Args` | a parameter `__args: ()` | the parameters |
//! | `Inits` | a field `__inits: ()` of a struct expression | the fields |
//!
//! A hole cannot stand inside the arguments of a macro or an attribute (they are tokens, not
//! syntax). A hole of a single kind may appear several times; a list is spliced once. Filled-in syntax
//! is not walked again, so it may hold `__` names of its own. A hole written where its kind
//! cannot go, a `__` name that is no hole, or a value no hole takes is a mistake in the
//! emitter, caught by a debug assertion the first time the template is used in any test.
//!
//! Filling costs a clone and one walk over the template's nodes: parsing the same code from
//! tokens each time cost several times more (`docs/performance.md`). A value that fills a hole
//! named several times is cloned for each place but the last, which takes it (the template
//! counts its names once, when it is parsed).

use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};

/// Declares templates: `fn name(Hole: Kind, ...) -> syn::Type { rust... }`. See the module
/// documentation.
macro_rules! template {
    ($(
        $(#[$meta:meta])*
        $vis:vis fn $name:ident($($hole:ident: $kind:ident),* $(,)?) -> $ty:ty { $($body:tt)* }
    )*) => {$(
        $(#[$meta])*
        #[allow(non_snake_case, clippy::too_many_arguments)]
        $vis fn $name($($hole: $crate::emit::template::kind!($kind)),*) -> $ty {
            const NAMES: &[&str] = &[$(::std::concat!("__", ::std::stringify!($hole))),*];
            ::std::thread_local! {
                static TEMPLATE: $crate::emit::template::Parsed<$ty> =
                    $crate::emit::template::Parsed::new(::syn::parse_quote! { $($body)* }, NAMES);
            }
            TEMPLATE.with(|template| {
                template.fill(::std::vec![$($crate::emit::template::Value::$kind($hole)),*])
            })
        }
    )*};
}
pub(crate) use template;

/// The Rust type of a hole's value, by kind.
macro_rules! kind {
    (Ident) => { ::syn::Ident };
    (Type) => { ::syn::Type };
    (Expr) => { ::syn::Expr };
    (Pat) => { ::syn::Pat };
    (Attrs) => { ::std::vec::Vec<::syn::Attribute> };
    (Fields) => { ::std::vec::Vec<::syn::Field> };
    (Variants) => { ::std::vec::Vec<::syn::Variant> };
    (Stmts) => { ::std::vec::Vec<::syn::Stmt> };
    (Items) => { ::std::vec::Vec<::syn::Item> };
    (ImplItems) => { ::std::vec::Vec<::syn::ImplItem> };
    (Arms) => { ::std::vec::Vec<::syn::Arm> };
    (Args) => { ::std::vec::Vec<::syn::FnArg> };
    (Inits) => { ::std::vec::Vec<::syn::FieldValue> };
}
pub(crate) use kind;

/// What fills a hole.
pub enum Value {
    Ident(syn::Ident),
    Type(syn::Type),
    Expr(syn::Expr),
    Pat(syn::Pat),
    Attrs(Vec<syn::Attribute>),
    Fields(Vec<syn::Field>),
    Variants(Vec<syn::Variant>),
    Stmts(Vec<syn::Stmt>),
    Items(Vec<syn::Item>),
    ImplItems(Vec<syn::ImplItem>),
    Arms(Vec<syn::Arm>),
    Args(Vec<syn::FnArg>),
    Inits(Vec<syn::FieldValue>),
}

/// A kind of single value.
trait Single: Clone {
    /// The value, when `value` is of this kind.
    fn of(value: &Value) -> Option<&Self>;
    /// [`Single::of`], owned.
    fn take(value: Value) -> Option<Self>;
}

macro_rules! single {
    ($($kind:ident => $ty:ty),* $(,)?) => {$(
        impl Single for $ty {
            fn of(value: &Value) -> Option<&Self> {
                match value {
                    Value::$kind(v) => Some(v),
                    _ => None,
                }
            }
            fn take(value: Value) -> Option<Self> {
                match value {
                    Value::$kind(v) => Some(v),
                    _ => None,
                }
            }
        }
    )*};
}

single! {
    Ident => syn::Ident,
    Type => syn::Type,
    Expr => syn::Expr,
    Pat => syn::Pat,
}

/// The `pick` of a list kind: its values, or the value given back when it is of another kind.
macro_rules! pick {
    ($kind:ident) => {
        |value| match value {
            Value::$kind(list) => Ok(list),
            other => Err(Box::new(other)),
        }
    };
}

/// Syntax a template can produce.
pub trait Tree {
    /// Walks the tree with `filler`.
    fn walk(&mut self, filler: &mut Filler);
    /// Walks the tree with `counter`.
    fn count(&mut self, counter: &mut Counter);
}

macro_rules! tree {
    ($($ty:ty => $visit:ident),* $(,)?) => {$(
        impl Tree for $ty {
            fn walk(&mut self, filler: &mut Filler) {
                filler.$visit(self);
            }
            fn count(&mut self, counter: &mut Counter) {
                counter.$visit(self);
            }
        }
    )*};
}

tree! {
    syn::Arm => visit_arm_mut,
    syn::Attribute => visit_attribute_mut,
    syn::Block => visit_block_mut,
    syn::Expr => visit_expr_mut,
    syn::Field => visit_field_mut,
    syn::File => visit_file_mut,
    syn::FieldValue => visit_field_value_mut,
    syn::FnArg => visit_fn_arg_mut,
    syn::ImplItem => visit_impl_item_mut,
    syn::ImplItemFn => visit_impl_item_fn_mut,
    syn::Item => visit_item_mut,
    syn::ItemEnum => visit_item_enum_mut,
    syn::ItemFn => visit_item_fn_mut,
    syn::ItemImpl => visit_item_impl_mut,
    syn::ItemStruct => visit_item_struct_mut,
    syn::ItemType => visit_item_type_mut,
    syn::Pat => visit_pat_mut,
    syn::Stmt => visit_stmt_mut,
    syn::Type => visit_type_mut,
    syn::Variant => visit_variant_mut,
}

impl Tree for Vec<syn::Attribute> {
    fn walk(&mut self, filler: &mut Filler) {
        for attr in self.iter_mut() {
            filler.visit_attribute_mut(attr);
        }
        filler.splice_attrs(self);
    }

    fn count(&mut self, counter: &mut Counter) {
        for attr in self.iter_mut() {
            counter.visit_attribute_mut(attr);
        }
    }
}

impl Tree for Vec<syn::Stmt> {
    fn walk(&mut self, filler: &mut Filler) {
        for stmt in self.iter_mut() {
            filler.visit_stmt_mut(stmt);
        }
        filler.splice_stmts(self);
    }

    fn count(&mut self, counter: &mut Counter) {
        for stmt in self.iter_mut() {
            counter.visit_stmt_mut(stmt);
        }
    }
}

/// One hole of a template being filled.
struct Hole {
    /// `__name`, as written in the template.
    name: &'static str,
    /// Its value; a list is taken out when it is spliced, a single value at its last use.
    value: Option<Value>,
    /// How many more times the name stands in the template: a single value is cloned for
    /// every use but the last, which takes it.
    left: usize,
    used: bool,
}

/// A template as parsed, once per thread: the tree, its holes' names, and how many times each
/// name stands in it.
pub struct Parsed<T> {
    tree: T,
    names: &'static [&'static str],
    uses: Vec<usize>,
}

impl<T: Tree + Clone> Parsed<T> {
    /// `tree`, parsed from a template whose holes are `names`, with its names counted.
    pub fn new(tree: T, names: &'static [&'static str]) -> Parsed<T> {
        let mut counter = Counter {
            names,
            uses: vec![0; names.len()],
        };
        tree.clone().count(&mut counter);
        Parsed {
            tree,
            names,
            uses: counter.uses,
        }
    }

    /// The template with its holes filled by `values`, in the order of the names (see the
    /// module documentation).
    pub fn fill(&self, values: Vec<Value>) -> T {
        let mut tree = self.tree.clone();
        if values.is_empty() && !cfg!(debug_assertions) {
            return tree;
        }
        let holes = self.names.iter().zip(&self.uses).zip(values);
        fill(
            &mut tree,
            holes.map(|((&name, &uses), value)| (name, uses, value)),
        );
        tree
    }
}

/// Counts the names of holes in a template.
pub struct Counter {
    names: &'static [&'static str],
    uses: Vec<usize>,
}

impl VisitMut for Counter {
    fn visit_ident_mut(&mut self, ident: &mut syn::Ident) {
        if let Some(i) = self.names.iter().position(|name| ident == name) {
            self.uses[i] += 1;
        }
    }
}

/// Fills the holes of `tree`: (name, how many times it stands in `tree`, value).
fn fill<T: Tree>(tree: &mut T, holes: impl Iterator<Item = (&'static str, usize, Value)>) {
    let mut filler = Filler {
        holes: holes
            .map(|(name, left, value)| Hole {
                name,
                value: Some(value),
                left,
                used: false,
            })
            .collect(),
        mistakes: Vec::new(),
    };
    tree.walk(&mut filler);
    for hole in &filler.holes {
        if !hole.used {
            filler.mistakes.push(format!(
                "`{}` is not in the template, or stands where its kind cannot go",
                hole.name
            ));
        }
    }
    debug_assert!(
        filler.mistakes.is_empty(),
        "template mistakes: {:?}",
        filler.mistakes
    );
}

/// The visitor that fills holes.
pub struct Filler {
    holes: Vec<Hole>,
    mistakes: Vec<String>,
}

impl Filler {
    fn hole(&mut self, ident: &syn::Ident) -> Option<&mut Hole> {
        self.holes.iter_mut().find(|hole| *ident == hole.name)
    }

    /// The single value of `ident`'s hole, when it is one of `T`'s kind: a clone, or the value
    /// itself at the name's last use.
    fn single<T: Single>(&mut self, ident: &syn::Ident) -> Option<T> {
        let hole = self.hole(ident)?;
        let value = T::of(hole.value.as_ref()?)?;
        hole.used = true;
        hole.left = hole.left.saturating_sub(1);
        if hole.left > 0 {
            return Some(value.clone());
        }
        T::take(hole.value.take()?)
    }

    /// The list of `ident`'s hole, taken, when `pick` accepts its kind.
    fn list<T>(
        &mut self,
        ident: &syn::Ident,
        pick: impl Fn(Value) -> Result<Vec<T>, Box<Value>>,
    ) -> Option<Vec<T>> {
        let hole = self.hole(ident)?;
        match pick(hole.value.take()?) {
            Ok(list) => {
                hole.used = true;
                Some(list)
            }
            Err(value) => {
                // Another kind: the hole stands where it cannot go; `fill` reports it unused.
                hole.value = Some(*value);
                None
            }
        }
    }

    /// Replaces each element of `list` that is a hole of `pick`'s kind by the hole's values.
    fn splice<T>(
        &mut self,
        list: &mut Vec<T>,
        hole_of: impl Fn(&T) -> Option<&syn::Ident>,
        pick: impl Fn(Value) -> Result<Vec<T>, Box<Value>> + Copy,
    ) {
        if !list
            .iter()
            .any(|item| hole_of(item).is_some_and(|i| self.is_list_hole(i)))
        {
            return;
        }
        let mut out = Vec::with_capacity(list.len());
        for item in std::mem::take(list) {
            let values = hole_of(&item).and_then(|ident| self.list(ident, pick));
            match values {
                Some(values) => out.extend(values),
                None => out.push(item),
            }
        }
        *list = out;
    }

    fn splice_punctuated<T, P: Default>(
        &mut self,
        list: &mut Punctuated<T, P>,
        hole_of: impl Fn(&T) -> Option<&syn::Ident>,
        pick: impl Fn(Value) -> Result<Vec<T>, Box<Value>> + Copy,
    ) {
        if !list
            .iter()
            .any(|item| hole_of(item).is_some_and(|i| self.is_list_hole(i)))
        {
            return;
        }
        let mut items: Vec<T> = std::mem::take(list).into_iter().collect();
        self.splice(&mut items, hole_of, pick);
        *list = items.into_iter().collect();
    }

    fn is_list_hole(&self, ident: &syn::Ident) -> bool {
        self.holes.iter().any(|hole| {
            *ident == hole.name
                && matches!(
                    hole.value,
                    Some(
                        Value::Attrs(_)
                            | Value::Fields(_)
                            | Value::Variants(_)
                            | Value::Stmts(_)
                            | Value::Items(_)
                            | Value::ImplItems(_)
                            | Value::Arms(_)
                            | Value::Args(_)
                            | Value::Inits(_)
                    )
                )
        })
    }

    fn splice_attrs(&mut self, attrs: &mut Vec<syn::Attribute>) {
        self.splice(
            attrs,
            |attr| match &attr.meta {
                syn::Meta::Path(path) => path.get_ident(),
                _ => None,
            },
            pick!(Attrs),
        );
    }

    fn splice_stmts(&mut self, stmts: &mut Vec<syn::Stmt>) {
        self.splice(
            stmts,
            |stmt| match stmt {
                syn::Stmt::Expr(syn::Expr::Path(path), Some(_)) => path.path.get_ident(),
                _ => None,
            },
            pick!(Stmts),
        );
    }
}

fn expr_ident(expr: &syn::Expr) -> Option<&syn::Ident> {
    match expr {
        syn::Expr::Path(path) if path.qself.is_none() => path.path.get_ident(),
        _ => None,
    }
}

fn pat_ident(pat: &syn::Pat) -> Option<&syn::Ident> {
    match pat {
        syn::Pat::Ident(p)
            if p.by_ref.is_none() && p.mutability.is_none() && p.subpat.is_none() =>
        {
            Some(&p.ident)
        }
        _ => None,
    }
}

impl VisitMut for Filler {
    fn visit_ident_mut(&mut self, ident: &mut syn::Ident) {
        if let Some(value) = self.single::<syn::Ident>(ident) {
            *ident = value;
            return;
        }
        if cfg!(debug_assertions) {
            let text = ident.to_string();
            if text.starts_with("__") && !self.is_list_hole(ident) {
                self.mistakes.push(format!(
                    "`{text}` is no hole of this template, or its kind cannot stand here"
                ));
            }
        }
    }

    // The name is looked up where it stands, not cloned first: most names are no hole.
    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        let value = match &*ty {
            syn::Type::Path(path) if path.qself.is_none() => path
                .path
                .get_ident()
                .and_then(|ident| self.single::<syn::Type>(ident)),
            _ => None,
        };
        if let Some(value) = value {
            *ty = value;
            return;
        }
        visit_mut::visit_type_mut(self, ty);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        let value = expr_ident(expr).and_then(|ident| self.single::<syn::Expr>(ident));
        if let Some(value) = value {
            *expr = value;
            return;
        }
        visit_mut::visit_expr_mut(self, expr);
        match expr {
            syn::Expr::Struct(s) => self.splice_punctuated(
                &mut s.fields,
                |field| match &field.member {
                    syn::Member::Named(ident) => Some(ident),
                    syn::Member::Unnamed(_) => None,
                },
                pick!(Inits),
            ),
            syn::Expr::Match(m) => self.splice(&mut m.arms, |arm| pat_ident(&arm.pat), pick!(Arms)),
            _ => {}
        }
    }

    fn visit_pat_mut(&mut self, pat: &mut syn::Pat) {
        let value = pat_ident(pat).and_then(|ident| self.single::<syn::Pat>(ident));
        if let Some(value) = value {
            *pat = value;
            return;
        }
        visit_mut::visit_pat_mut(self, pat);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        visit_mut::visit_block_mut(self, block);
        self.splice_stmts(&mut block.stmts);
    }

    fn visit_file_mut(&mut self, file: &mut syn::File) {
        visit_mut::visit_file_mut(self, file);
        self.splice_attrs(&mut file.attrs);
        self.splice(
            &mut file.items,
            |item| match item {
                syn::Item::Macro(m) => m.mac.path.get_ident(),
                _ => None,
            },
            pick!(Items),
        );
    }

    fn visit_item_mod_mut(&mut self, item: &mut syn::ItemMod) {
        visit_mut::visit_item_mod_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        visit_mut::visit_item_impl_mut(self, item);
        self.splice_attrs(&mut item.attrs);
        self.splice(
            &mut item.items,
            |item| match item {
                syn::ImplItem::Macro(m) => m.mac.path.get_ident(),
                _ => None,
            },
            pick!(ImplItems),
        );
    }

    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        visit_mut::visit_item_struct_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        visit_mut::visit_item_enum_mut(self, item);
        self.splice_attrs(&mut item.attrs);
        self.splice_punctuated(
            &mut item.variants,
            |variant| matches!(variant.fields, syn::Fields::Unit).then_some(&variant.ident),
            pick!(Variants),
        );
    }

    fn visit_item_fn_mut(&mut self, item: &mut syn::ItemFn) {
        visit_mut::visit_item_fn_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_item_const_mut(&mut self, item: &mut syn::ItemConst) {
        visit_mut::visit_item_const_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_item_use_mut(&mut self, item: &mut syn::ItemUse) {
        visit_mut::visit_item_use_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_item_type_mut(&mut self, item: &mut syn::ItemType) {
        visit_mut::visit_item_type_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_impl_item_fn_mut(&mut self, item: &mut syn::ImplItemFn) {
        visit_mut::visit_impl_item_fn_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_impl_item_const_mut(&mut self, item: &mut syn::ImplItemConst) {
        visit_mut::visit_impl_item_const_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_impl_item_type_mut(&mut self, item: &mut syn::ImplItemType) {
        visit_mut::visit_impl_item_type_mut(self, item);
        self.splice_attrs(&mut item.attrs);
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        visit_mut::visit_field_mut(self, field);
        self.splice_attrs(&mut field.attrs);
    }

    fn visit_fields_named_mut(&mut self, fields: &mut syn::FieldsNamed) {
        visit_mut::visit_fields_named_mut(self, fields);
        self.splice_punctuated(
            &mut fields.named,
            |field| field.ident.as_ref(),
            pick!(Fields),
        );
    }

    fn visit_variant_mut(&mut self, variant: &mut syn::Variant) {
        visit_mut::visit_variant_mut(self, variant);
        self.splice_attrs(&mut variant.attrs);
    }

    fn visit_signature_mut(&mut self, sig: &mut syn::Signature) {
        visit_mut::visit_signature_mut(self, sig);
        self.splice_punctuated(
            &mut sig.inputs,
            |arg| match arg {
                syn::FnArg::Typed(typed) => pat_ident(&typed.pat),
                syn::FnArg::Receiver(_) => None,
            },
            pick!(Args),
        );
    }
}

#[cfg(test)]
mod tests {
    use quote::format_ident;

    template! {
        fn everything(
            docs: Attrs,
            Name: Ident,
            T: Type,
            fields: Fields,
            methods: ImplItems,
            stmts: Stmts,
            value: Expr,
            args: Args,
            arms: Arms,
            inits: Inits,
        ) -> syn::File {
            #[__docs]
            pub struct __Name {
                pub first: __T,
                __fields: (),
            }

            impl __Name {
                pub fn make(__args: ()) -> Self {
                    __stmts;
                    let _ = match 1 {
                        1 => __value,
                        __arms => {}
                        _ => 0,
                    };
                    __Name { first: 1, __inits: () }
                }

                __methods! {}
            }
        }
    }

    #[test]
    fn every_kind_of_hole_is_filled() {
        let file = everything(
            vec![
                syn::parse_quote!(#[doc = "Docs."]),
                syn::parse_quote!(#[derive(Debug)]),
            ],
            format_ident!("Widget"),
            syn::parse_quote!(u8),
            vec![syn::parse_quote!(pub second: ::std::string::String)],
            vec![syn::parse_quote!(
                fn other() {}
            )],
            vec![syn::parse_quote!(let x = 1;), syn::parse_quote!(let y = 2;)],
            syn::parse_quote!(x + y),
            vec![syn::parse_quote!(a: u8), syn::parse_quote!(b: u8)],
            vec![syn::parse_quote!(2 => 3,)],
            vec![syn::parse_quote!(second: ::std::string::String::new())],
        );
        let text = prettyplease::unparse(&file);
        let expected = r#"///Docs.
#[derive(Debug)]
pub struct Widget {
    pub first: u8,
    pub second: ::std::string::String,
}
impl Widget {
    pub fn make(a: u8, b: u8) -> Self {
        let x = 1;
        let y = 2;
        let _ = match 1 {
            1 => x + y,
            2 => 3,
            _ => 0,
        };
        Widget {
            first: 1,
            second: ::std::string::String::new(),
        }
    }
    fn other() {}
}
"#;
        assert_eq!(text, expected);
    }

    template! {
        fn twice(Name: Ident) -> syn::ItemImpl {
            impl __Name { fn get(&self) -> __Name { self.clone() } }
        }
        fn fixed() -> syn::Attribute {
            #[derive(Clone)]
        }
        fn each_kind_twice(T: Type, value: Expr, pat: Pat) -> syn::ItemFn {
            fn f(a: __T, b: __T) -> (__T, __T) {
                let (__pat, __pat) = (__value, __value);
                (a, b)
            }
        }
    }

    #[test]
    fn a_single_value_fills_every_place_its_name_stands() {
        // Each use but the last is a clone, the last takes the value.
        let item = each_kind_twice(
            syn::parse_quote!(u8),
            syn::parse_quote!(1 + 2),
            syn::parse_quote!(_),
        );
        let text = prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: vec![],
            items: vec![syn::Item::Fn(item)],
        });
        assert_eq!(
            text,
            "fn f(a: u8, b: u8) -> (u8, u8) {\n    let (_, _) = (1 + 2, 1 + 2);\n    (a, b)\n}\n"
        );
    }

    #[test]
    fn single_holes_can_repeat_and_templates_need_no_holes() {
        let item = twice(format_ident!("A"));
        let text = prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: vec![],
            items: vec![syn::Item::Impl(item)],
        });
        assert!(
            text.contains("impl A {") && text.contains("-> A {"),
            "{text}"
        );
        assert!(fixed().path().is_ident("derive"));
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "__Missing")]
    fn a_name_that_is_no_hole_is_a_mistake() {
        template! {
            fn broken(Name: Ident) -> syn::ItemStruct {
                struct __Name(__Missing);
            }
        }
        let _ = broken(format_ident!("A"));
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "`__fields` is not in the template")]
    fn a_hole_where_its_kind_cannot_go_is_a_mistake() {
        template! {
            fn broken(fields: Fields) -> syn::ItemStruct {
                struct A(__fields);
            }
        }
        let _ = broken(Vec::new());
    }
}
