# Empty lines and stray whitespace are fine.


echo a

	echo b	
  echo c ;  echo d  
if true
then
  echo e
fi
