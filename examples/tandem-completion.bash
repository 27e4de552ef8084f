# SPDX-License-Identifier: LGPL-2.1-or-later
# Bash completion for the tandem command: verbs and nouns, each verb's
# options, activity kinds, and plan names read from the store (--db, else
# $TANDEM_DB, else ./tandem.db). Everything is asked of the command itself,
# so the completion knows what the installed tandem knows.

_tandem_verbs() {
  # "  rep add           add a rep: …": the verb is the text before the
  # run of spaces that starts the summary
  LC_ALL=C "$1" --help 2>/dev/null |
    awk '/^Verbs:/ { on = 1; next } on && /^  [a-z]/ { sub(/^  /, ""); sub(/  +.*/, ""); print } on && /^$/ { on = 0 }'
}

_tandem_options() {
  LC_ALL=C "$1" "${@:2}" --help 2>/dev/null |
    sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | grep -v '^--help$'
}

_tandem_kinds() {
  LC_ALL=C "$1" log --help 2>/dev/null |
    sed -n 's/.*log an activity: \(.*\)$/\1/p' | head -n 1 | tr -d ',' | tr ' ' '\n' | grep .
}

_tandem_plans() {
  local cli=$1 db=$2
  local args=(--json)
  [ -n "$db" ] && args=(--db "$db" --json)
  "$cli" "${args[@]}" plan list 2>/dev/null | sed -n 's/^ *"name" : "\(.*\)",\{0,1\}$/\1/p'
}

_tandem() {
  local cli=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=""
  local db="" i w words=() verb=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()

  # the words before the cursor that are not options or option values
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case "$w" in
      --db) db=${COMP_WORDS[i + 1]}; ((i++)) ;;
      --db=*) db=${w#--db=} ;;
      --as|--plan|--kind|--role|--at|--since|--until|--from|--amount|--account|--rep|--team|--output|--out|--format|--columns|--time-zone|--product|--category|--quantity|--cost|--vs)
        ((i++)) ;;
      -*) ;;
      *) words+=("$w") ;;
    esac
  done

  case "$prev" in
    --db|--output|--out|--svg|--pdf|--dir) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    --plan) mapfile -t COMPREPLY < <(compgen -W "$(_tandem_plans "$cli" "$db")" -- "$cur"); return ;;
    --kind) mapfile -t COMPREPLY < <(compgen -W "$(_tandem_kinds "$cli")" -- "$cur"); return ;;
    --role) mapfile -t COMPREPLY < <(compgen -W "inside field manager" -- "$cur"); return ;;
    --format) mapfile -t COMPREPLY < <(compgen -W "csv json lodas excel pdf" -- "$cur"); return ;;
  esac

  # which verb the words so far name: one word ("settle") or two ("rep add")
  local verbs all
  all=$(_tandem_verbs "$cli")
  if ((${#words[@]} >= 2)) && grep -qx "${words[0]} ${words[1]}" <<<"$all"; then
    verb="${words[0]} ${words[1]}"
  elif ((${#words[@]} >= 1)) && grep -qx "${words[0]}" <<<"$all"; then
    verb=${words[0]}
  fi

  if [[ "$cur" == -* ]]; then
    if [ -n "$verb" ]; then
      # shellcheck disable=SC2086
      mapfile -t COMPREPLY < <(compgen -W "$(_tandem_options "$cli" $verb)" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -W "--db --json --quiet --as --help --version" -- "$cur")
    fi
    return
  fi

  if [ -z "$verb" ]; then
    if ((${#words[@]} == 0)); then
      # nouns and one-word verbs
      verbs=$(awk '{ print $1 }' <<<"$all" | sort -u)
    else
      # the second word of a noun's verbs
      verbs=$(awk -v noun="${words[0]}" '$1 == noun && NF == 2 { print $2 }' <<<"$all")
    fi
    mapfile -t COMPREPLY < <(compgen -W "$verbs" -- "$cur")
    return
  fi

  case "$verb" in
    log) ((${#words[@]} == 1)) && mapfile -t COMPREPLY < <(compgen -W "$(_tandem_kinds "$cli")" -- "$cur") ;;
    import|"report"|"payroll export") mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
  esac
}

complete -F _tandem tandem
